using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Intake.Core.Configuration;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using MimeKit;

namespace Intake.EndToEnd.Tests;

[Collection(EndToEndCollection.Name)]
public sealed class DigestTests(SelfHostFixture fixture)
{
    private static readonly string[] UnknownRegion = ["XX"];
    private static readonly string[] Sudan = ["SD"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Host.Client;

    private HttpClient Admin => fixture.Host.AdminClient;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The personal data of the schema example, which must appear nowhere in a digest.</summary>
    private static void AssertNoPersonalData(string text)
    {
        var example = ReportClient.NewReport();
        Assert.DoesNotContain((string)example["reporter"]!["id"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain((string)example["reporter"]!["contact"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(((string)example["narrative"]!)[..30], text, StringComparison.Ordinal);
        Assert.DoesNotContain("Abu Shouk", text, StringComparison.Ordinal);
    }

    private async Task<string> SubmitProcessedAsync(string country, string admin1, int severity)
    {
        var report = ReportClient.NewReport();
        report["occurredAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        report["location"]!["country"] = country;
        report["location"]!["admin1"] = admin1;
        report["severity"] = severity;
        if (severity == 5)
        {
            // A mass-casualty report: what the quiet default rules still alert on at once.
            report["killed"] = 12;
        }
        using var response = await Client.PostAsync(report, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)report["submissionId"]!;
        await Client.WaitForStatusAsync(id, "processed", TimeSpan.FromSeconds(60), Ct);
        return id;
    }

    private Task<string> SubscribeAsync(string email, params string[] regions) => SubscribeAsync(new { email, regions });

    private async Task<string> SubscribeAsync(object subscriber)
    {
        using var response = await Admin.PostAsJsonAsync(new Uri("/api/admin/subscribers", UriKind.Relative), subscriber, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.ReadJsonAsync(Ct))["id"]!;
    }

    private async Task<JsonObject> SendAsync(string query = "")
    {
        using var response = await Admin.PostAsync(new Uri($"/api/admin/digests/{Today}/send{query}", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync(Ct);
    }

    [Fact]
    public async Task Digest_SubmittedProcessedCompiledAndSent_ReadableInEveryFormatAndMailedOncePerSubscriber()
    {
        // Arrange: reports through the public API, processed by the queue trigger.
        await SubmitProcessedAsync("SD", "North Darfur", 5);
        await SubmitProcessedAsync("SD", "Blue Nile", 3);
        var sudan = await SubscribeAsync("sudan-desk@example.org", "SD");
        // Niger: a region no test in this collection reports in, so its day stays quiet whatever ran before.
        var sahel = await SubscribeAsync("sahel-desk@example.org", "NE");
        fixture.Smtp.Clear();

        // Act: compile, read in each format, send.
        using var compiled = await Admin.PostAsync(new Uri($"/api/admin/digests/{Today}/compile", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);
        var formats = new Dictionary<string, (string MediaType, string Body)>();
        foreach (var format in new[] { "json", "md", "html" })
        {
            using var response = await Admin.GetAsync(new Uri($"/api/digests/{Today}?format={format}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            formats[format] = (response.Content.Headers.ContentType!.MediaType!, await response.Content.ReadAsStringAsync(Ct));
        }

        using var latest = await Admin.GetAsync(new Uri("/api/digests/latest", UriKind.Relative), Ct);
        var sent = await SendAsync();
        var mailed = sent["deliveries"]!.AsArray().Count(d => (string)d!["result"]! == "sent");
        var messages = await fixture.Smtp.WaitForAsync(mailed, TimeSpan.FromSeconds(30), Ct);

        // Assert: the stored digest.
        var digest = JsonNode.Parse(formats["json"].Body)!;
        Assert.Equal(("application/json", "text/markdown", "text/html"), (formats["json"].MediaType, formats["md"].MediaType, formats["html"].MediaType));
        Assert.Equal(Today, (string)digest["day"]!);
        var sd = digest["regions"]!.AsArray().Single(r => (string)r!["region"]! == "SD")!;
        Assert.True((int)sd["received"]!["reports"]! >= 2);
        // Areas are counted by the code the place resolved to: "Blue Nile" is SD-NB.
        Assert.Contains("SD-NB", sd["occurred"]!["newAreas"]!.AsArray().Select(a => (string)a!));
        Assert.Contains(digest["alerts"]!.AsArray(), a => (string)a!["rule"]! == "severity-5" && (string)a["region"]! == "SD");
        Assert.Contains("## SD", formats["md"].Body, StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,", formats["html"].Body, StringComparison.Ordinal);
        Assert.Equal(formats["json"].Body, await latest.Content.ReadAsStringAsync(Ct));
        foreach (var (_, body) in formats.Values)
        {
            AssertNoPersonalData(body);
        }

        // Assert: the mail, cut per subscriber's regions, with both alternatives and the chart.
        // Subscribers other tests of the collection added may have had today's digest already ("skipped").
        var ours = sent["deliveries"]!.AsArray().Where(d => (string)d!["subscriberId"]! == sudan || (string)d!["subscriberId"]! == sahel).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, d => Assert.Equal("sent", (string)d!["result"]!));
        Assert.Equal(mailed, messages.Count);
        var toSudan = messages.Single(m => m.To.Mailboxes.Single().Address == "sudan-desk@example.org");
        var toSahel = messages.Single(m => m.To.Mailboxes.Single().Address == "sahel-desk@example.org");
        var alternative = Assert.IsType<MultipartAlternative>(toSudan.Body);
        Assert.Equal(["text/plain", "multipart/related"], alternative.Select(p => p.ContentType.MimeType));
        var chart = Assert.IsType<MimePart>(((MultipartRelated)alternative[1]).Single(p => p.ContentType.MimeType == "image/png"));
        Assert.Contains($"cid:{chart.ContentId}", toSudan.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("severity-5", toSudan.TextBody, StringComparison.Ordinal);
        Assert.Contains("quiet day in your regions (NE)", toSahel.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("North Darfur", toSahel.HtmlBody, StringComparison.Ordinal);
        foreach (var message in messages)
        {
            using var raw = new MemoryStream();
            await message.WriteToAsync(raw, Ct);
            AssertNoPersonalData(System.Text.Encoding.UTF8.GetString(raw.ToArray()) + message.TextBody + message.HtmlBody);
        }

        // Assert: a rerun sends nothing (the ledger keeps the first send and the relay got no more);
        // a forced send to one subscriber sends exactly once more.
        var ledger = fixture.Host.App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.DeliveriesTable);
        var firstSend = (await ledger.GetEntityAsync<TableEntity>(ReportIndex.PartitionKey(DateOnly.Parse(Today, CultureInfo.InvariantCulture)), sudan, cancellationToken: Ct)).Value;
        var rerun = await SendAsync();
        Assert.All(rerun["deliveries"]!.AsArray(), d => Assert.Equal("skipped", (string)d!["result"]!));
        var afterRerun = (await ledger.GetEntityAsync<TableEntity>(firstSend.PartitionKey, sudan, cancellationToken: Ct)).Value;
        Assert.Equal(("sent", firstSend.GetDateTimeOffset("SentAt")), (afterRerun.GetString("State"), afterRerun.GetDateTimeOffset("SentAt")));
        Assert.Equal(2, fixture.Smtp.Messages.Count);
        var forced = await SendAsync($"?force=true&subscriber={sudan}");
        Assert.Equal("sent", (string)forced["deliveries"]![0]!["result"]!);
        Assert.Equal(3, (await fixture.Smtp.WaitForAsync(3, TimeSpan.FromSeconds(30), Ct)).Count);
        var afterForce = (await ledger.GetEntityAsync<TableEntity>(firstSend.PartitionKey, sudan, cancellationToken: Ct)).Value;
        Assert.True(afterForce.GetDateTimeOffset("SentAt") > firstSend.GetDateTimeOffset("SentAt"));
        Assert.Equal(3, fixture.Smtp.Messages.Count);
    }

    [Fact]
    public async Task Digest_ReportWithoutConsentToShare_InternalSubscriberSeesItsLinePartnerOnlyItsCount()
    {
        // Arrange: two notable reports in one area, the second without consent to share; heavier
        // than any other test's, so both head the region's notable incidents.
        var shared = ReportClient.NewReport();
        shared["killed"] = 41;
        var unshared = ReportClient.NewReport();
        unshared["killed"] = 40;
        unshared.Remove("reporter");
        unshared["consent"] = new JsonObject { ["followUp"] = false, ["shareWithPartners"] = false };
        foreach (var report in new[] { shared, unshared })
        {
            report["occurredAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            report["severity"] = 5;
            using var response = await Client.PostAsync(report, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Client.WaitForStatusAsync((string)report["submissionId"]!, "processed", TimeSpan.FromSeconds(60), Ct);
        }

        var (sharedId, unsharedId) = ((string)shared["submissionId"]!, (string)unshared["submissionId"]!);
        var internalDesk = await SubscribeAsync(new { email = "consent-internal@example.org", regions = Sudan, audience = "internal" });
        var partnerDesk = await SubscribeAsync(new { email = "consent-partner@example.org", regions = Sudan });
        using var listed = await Admin.GetAsync(new Uri("/api/admin/subscribers", UriKind.Relative), Ct);
        var audiences = (await listed.Content.ReadFromJsonAsync<JsonArray>(Ct))!.ToDictionary(s => (string)s!["id"]!, s => (string)s!["audience"]!);

        // Act: compile, then send to these two only.
        using var compiled = await Admin.PostAsync(new Uri($"/api/admin/digests/{Today}/compile", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, compiled.StatusCode);
        fixture.Smtp.Clear();
        await SendAsync($"?subscriber={internalDesk}");
        await SendAsync($"?subscriber={partnerDesk}");
        var messages = await fixture.Smtp.WaitForAsync(2, TimeSpan.FromSeconds(30), Ct);

        // Assert: the internal desk reads both reports' lines; the partner's whole message (text,
        // HTML, raw) never names the unshared one, yet its counts are the same.
        Assert.Equal(("internal", "partner"), (audiences[internalDesk], audiences[partnerDesk]));
        var toInternal = messages.Single(m => m.To.Mailboxes.Single().Address == "consent-internal@example.org");
        var toPartner = messages.Single(m => m.To.Mailboxes.Single().Address == "consent-partner@example.org");
        Assert.Contains(sharedId, toInternal.TextBody, StringComparison.Ordinal);
        Assert.Contains(unsharedId, toInternal.TextBody, StringComparison.Ordinal);
        Assert.Contains(sharedId, toPartner.TextBody, StringComparison.Ordinal);
        using var raw = new MemoryStream();
        await toPartner.WriteToAsync(raw, Ct);
        Assert.DoesNotContain(unsharedId, System.Text.Encoding.UTF8.GetString(raw.ToArray()) + toPartner.TextBody + toPartner.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(Counts(toInternal.TextBody), Counts(toPartner.TextBody));
        Assert.Contains(Counts(toPartner.TextBody), l => l.StartsWith("**New (received on the day):**", StringComparison.Ordinal));
    }

    /// <summary>The aggregate lines of a digest's text: totals, new reports per region, counts by category and area.</summary>
    private static List<string> Counts(string? text) =>
        [.. (text ?? "").Split('\n').Where(l => l.StartsWith("**New (received on the day):**", StringComparison.Ordinal) || l.StartsWith("- By ", StringComparison.Ordinal) || l.StartsWith("- Risk factors", StringComparison.Ordinal))];

    [Fact]
    public async Task Subscribers_AddListRemove_AndBadInputNamesTheField()
    {
        var id = await SubscribeAsync("desk@example.org", "cd", "SS");

        using var list = await Admin.GetAsync(new Uri("/api/admin/subscribers", UriKind.Relative), Ct);
        using var bad = await Admin.PostAsJsonAsync(new Uri("/api/admin/subscribers", UriKind.Relative), new { email = "not an address", regions = UnknownRegion, audience = "everyone" }, Ct);
        using var removed = await Admin.DeleteAsync(new Uri($"/api/admin/subscribers/{id}", UriKind.Relative), Ct);
        using var again = await Admin.DeleteAsync(new Uri($"/api/admin/subscribers/{id}", UriKind.Relative), Ct);

        var listed = (await list.Content.ReadFromJsonAsync<JsonArray>(Ct))!.Single(s => (string)s!["id"]! == id)!;
        Assert.Equal(["CD", "SS"], listed["regions"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["email", "regions.0", "audience"], (await bad.ReadJsonAsync(Ct)).Fields());
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (removed.StatusCode, again.StatusCode));
    }

    [Fact]
    public async Task GetDigest_BadDateOrFormatOrMissingDay_AnswersProblemDetails()
    {
        using var badDate = await Admin.GetAsync(new Uri("/api/digests/2026-13-01", UriKind.Relative), Ct);
        using var badFormat = await Admin.GetAsync(new Uri("/api/digests/2020-01-01?format=pdf", UriKind.Relative), Ct);
        using var missing = await Admin.GetAsync(new Uri("/api/digests/2001-01-01", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, "date"), (badDate.StatusCode, (await badDate.ReadJsonAsync(Ct)).Field(0)));
        Assert.Equal((HttpStatusCode.BadRequest, "format"), (badFormat.StatusCode, (await badFormat.ReadJsonAsync(Ct)).Field(0)));
        Assert.Equal((HttpStatusCode.NotFound, "digest-not-found"), (missing.StatusCode, (string)(await missing.ReadJsonAsync(Ct))["code"]!));
    }
}
