using System.Net.Mail;
using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Digest.Delivery;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// The HTTP edge of the digest, shared by both hosts: reading digests, and the admin routes for
/// subscribers, compiling and sending. (Access control and auditing are the admin issue's.)
/// </summary>
public sealed partial class DigestApi(
    DigestArchive archive,
    DigestPublisher publisher,
    DigestDelivery delivery,
    SubscriberStore subscribers,
    TimeProvider time)
{
    private const int MaxSubscriberBody = 8 * 1024;

    /// <summary><c>GET /api/digests/{date}</c>.</summary>
    public async Task<ApiAnswer> GetAsync(string date, string? format, CancellationToken cancellationToken = default)
    {
        if (!TryParseDay(date, out var day, out var bad))
        {
            return bad;
        }

        return await ServeAsync(day, format, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/digests/latest</c>.</summary>
    public async Task<ApiAnswer> GetLatestAsync(string? format, CancellationToken cancellationToken = default)
    {
        var latest = await archive.LatestAsync(cancellationToken).ConfigureAwait(false);
        return latest is { } day
            ? await ServeAsync(day, format, cancellationToken).ConfigureAwait(false)
            : ApiAnswer.FromProblem(ProblemCatalog.DigestNotFound, "No digest has been compiled yet.");
    }

    /// <summary>The most days <see cref="ListDaysAsync"/> answers at once.</summary>
    public const int MaxListedDays = 366;

    /// <summary>How many days <see cref="ListDaysAsync"/> answers by default.</summary>
    public const int DefaultListedDays = 60;

    /// <summary><c>GET /api/digests?before=&amp;max=</c>: the days that have a digest, newest first.</summary>
    public async Task<ApiAnswer> ListDaysAsync(string? before, string? max, CancellationToken cancellationToken = default)
    {
        DateOnly? until = null;
        if (before is not null)
        {
            if (!DateOnly.TryParseExact(before, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "before must be a day as yyyy-MM-dd.", [new FieldError("before", "Must be yyyy-MM-dd.")]);
            }

            until = day;
        }

        var count = DefaultListedDays;
        if (max is not null && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxListedDays))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, $"max must be 1 to {MaxListedDays}.", [new FieldError("max", $"Must be 1 to {MaxListedDays}.")]);
        }

        var days = await archive.ListDaysAsync(until, count, cancellationToken).ConfigureAwait(false);
        // A full page may have more behind it: the next page starts before its oldest day.
        return ApiAnswer.JsonBody(200, new DigestDayList(days, days.Count == count ? days[^1] : null));
    }

    /// <summary><c>POST /api/admin/digests/{date}/compile</c>: compiles (or recompiles) a day now.</summary>
    public async Task<ApiAnswer> CompileAsync(string date, CancellationToken cancellationToken = default)
    {
        if (!TryParseDay(date, out var day, out var bad))
        {
            return bad;
        }

        var digest = await publisher.PublishAsync(day, cancellationToken).ConfigureAwait(false);
        return ApiAnswer.JsonBody(200, digest).WithHeader(HeaderNames.Location, ApiOperations.GetDigest.PathFor(day));
    }

    /// <summary><c>POST /api/admin/digests/{date}/send?force=true&amp;subscriber={id}</c>.</summary>
    public async Task<ApiAnswer> SendAsync(string date, string? force, string? subscriber, CancellationToken cancellationToken = default)
    {
        if (!TryParseDay(date, out var day, out var bad))
        {
            return bad;
        }

        if (!TryParseFlag(force, out var forced))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "force must be true or false.", [new FieldError("force", "Must be true or false.")]);
        }

        Guid? subscriberId = null;
        if (subscriber is not null)
        {
            if (!Guid.TryParseExact(subscriber, "D", out var id))
            {
                return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "subscriber must be a subscriber id (UUID).", [new FieldError("subscriber", "Must be a UUID.")]);
            }

            if (await subscribers.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
            {
                return ApiAnswer.FromProblem(ProblemCatalog.SubscriberNotFound, "No subscriber with this id.", [new FieldError("subscriber", "Unknown subscriber.")]);
            }

            subscriberId = id;
        }

        var outcomes = await delivery.SendAsync(day, forced, subscriberId, cancellationToken).ConfigureAwait(false);
        return outcomes is null
            ? ApiAnswer.FromProblem(ProblemCatalog.DigestNotFound, $"No digest was compiled for {Format(day)}; compile it first.")
            : ApiAnswer.JsonBody(200, new DigestSendResult(day, forced, outcomes));
    }

    /// <summary><c>GET /api/admin/subscribers</c>.</summary>
    public async Task<ApiAnswer> ListSubscribersAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<Subscriber>();
        await foreach (var s in subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(s);
        }

        return ApiAnswer.JsonBody(200, list);
    }

    /// <summary><c>POST /api/admin/subscribers</c>: adds a subscriber; answers 201 with it.</summary>
    public async Task<ApiAnswer> AddSubscriberAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadAsync(request, MaxSubscriberBody, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.BodyTooLarge, $"The body must be at most {MaxSubscriberBody} bytes.");
        }

        SubscriberRequest? input;
        try
        {
            input = JsonSerializer.Deserialize<SubscriberRequest>(body.Value.Span, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.MalformedJson, "Send {\"email\": ..., \"regions\": [...], \"language\": ...} as JSON.");
        }

        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.ValidationFailed, $"{errors.Count} field(s) are invalid; see 'errors'. Nothing was stored.", errors);
        }

        var regions = input!.Regions!.Select(r => r == DigestSelection.AllRegions ? r : r.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var subscriber = new Subscriber(Guid.NewGuid(), input.Email!.Trim(), regions, string.IsNullOrWhiteSpace(input.Language) ? null : input.Language, input.Flash ?? false, input.Audience ?? Audiences.Partner);
        await subscribers.AddAsync(subscriber, cancellationToken).ConfigureAwait(false);
        return ApiAnswer.JsonBody(201, subscriber).WithHeader(HeaderNames.Location, ApiOperations.RemoveSubscriber.PathFor(subscriber.Id));
    }

    /// <summary><c>DELETE /api/admin/subscribers/{id}</c>: 204, or 404 when there is none.</summary>
    public async Task<ApiAnswer> RemoveSubscriberAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParseExact(id, "D", out var subscriberId))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "The subscriber id must be a UUID.", [new FieldError("id", "Must be a UUID.")]);
        }

        return await subscribers.RemoveAsync(subscriberId, cancellationToken).ConfigureAwait(false)
            ? ApiAnswer.NoContent()
            : ApiAnswer.FromProblem(ProblemCatalog.SubscriberNotFound, "No subscriber with this id.");
    }

    private async Task<ApiAnswer> ServeAsync(DateOnly day, string? format, CancellationToken cancellationToken)
    {
        var (file, contentType) = (format ?? "json").ToLowerInvariant() switch
        {
            "json" => (DigestArchive.JsonFile, "application/json; charset=utf-8"),
            "md" or "markdown" => (DigestArchive.MarkdownFile, "text/markdown; charset=utf-8"),
            "html" => (DigestArchive.HtmlFile, "text/html; charset=utf-8"),
            _ => ((string?)null, ""),
        };
        if (file is null)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "format must be json, md or html.", [new FieldError("format", "Must be json, md or html.")]);
        }

        var content = await archive.ReadAsync(day, file, cancellationToken).ConfigureAwait(false);
        return content is null
            ? ApiAnswer.FromProblem(ProblemCatalog.DigestNotFound, $"No digest was compiled for {Format(day)}.")
            : ApiAnswer.Bytes(200, contentType, content).WithHeader("X-Intake-Digest-Day", Format(day));
    }

    private bool TryParseDay(string date, out DateOnly day, out ApiAnswer problem)
    {
        problem = null!;
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problem = ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "The date must be a day as yyyy-MM-dd.", [new FieldError("date", "Must be yyyy-MM-dd.")]);
            return false;
        }

        if (day > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            problem = ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "The date must not be in the future (UTC).", [new FieldError("date", "Must not be after today (UTC).")]);
            return false;
        }

        return true;
    }

    private static bool TryParseFlag(string? value, out bool flag)
    {
        flag = false;
        return value is null || bool.TryParse(value, out flag);
    }

    private static List<FieldError> Validate(SubscriberRequest? input)
    {
        var errors = new List<FieldError>();
        if (input is null)
        {
            errors.Add(new FieldError("email", "Required."));
            return errors;
        }

        if (string.IsNullOrWhiteSpace(input.Email) || input.Email.Length > 254 || !MailAddress.TryCreate(input.Email.Trim(), out var address) || address.Address != input.Email.Trim())
        {
            errors.Add(new FieldError("email", "Must be one e-mail address."));
        }

        if (input.Regions is not { Count: > 0 } || input.Regions.Count > 300)
        {
            errors.Add(new FieldError("regions", "Must list 1 to 300 ISO country codes, or \"*\" for all."));
        }
        else
        {
            for (var i = 0; i < input.Regions.Count; i++)
            {
                var region = input.Regions[i];
                if (region != DigestSelection.AllRegions && (region is null || !CountryCodes.All.Contains(region.ToUpperInvariant())))
                {
                    errors.Add(new FieldError($"regions.{i}", "Must be an ISO 3166-1 alpha-2 country code, or \"*\"."));
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(input.Language) && !LanguageTag().IsMatch(input.Language))
        {
            errors.Add(new FieldError("language", "Must be a BCP 47 language tag such as en or fr-CA."));
        }

        if (RegionList.ValidateAudience(input.Audience) is { } audience)
        {
            errors.Add(audience);
        }

        return errors;
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex LanguageTag();
}
