using System.Net;
using Intake.Core.Digest;
using Intake.Core.Digest.Delivery;
using Intake.Core.Digest.Flash;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// The admin edge of flash alerts, shared by both hosts: webhooks (register, list, remove) and
/// deliveries (list, see failures, redeliver). Every call is audited by <see cref="ApiEdge"/>.
/// </summary>
public sealed class FlashApi(FlashWebhookStore webhooks, FlashDeliveryStore deliveries, FlashDeliverer deliverer, TimeProvider time)
{
    private const int MaxBody = 8 * 1024;
    private const int MaxListed = 200;

    /// <summary><c>GET /api/admin/flash/webhooks</c>: every webhook, without secrets.</summary>
    public async Task<ApiAnswer> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        ApiAnswer.JsonBody(200, await webhooks.ListAsync(cancellationToken).ConfigureAwait(false));

    /// <summary><c>POST /api/admin/flash/webhooks</c>: registers one; 201 with its secret, shown this once.</summary>
    public async Task<ApiAnswer> AddWebhookAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadAsync(request, MaxBody, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.BodyTooLarge, $"The body must be at most {MaxBody} bytes.");
        }

        WebhookRequest? input;
        try
        {
            input = JsonSerializer.Deserialize<WebhookRequest>(body.Value.Span, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.MalformedJson, "Send {\"url\": \"https://...\", \"regions\": [...]} as JSON.");
        }

        var errors = new List<FieldError>();
        if (ValidateUrl(input?.Url) is { } urlError)
        {
            errors.Add(new FieldError("url", urlError));
        }

        errors.AddRange(RegionList.Validate(input?.Regions));
        if (RegionList.ValidateAudience(input?.Audience) is { } audience)
        {
            errors.Add(audience);
        }

        if (errors.Count > 0)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.ValidationFailed, $"{errors.Count} field(s) are invalid; see 'errors'. Nothing was stored.", errors);
        }

        var created = await webhooks.AddAsync(input!.Url!.Trim(), RegionList.Normalise(input.Regions!), time.GetUtcNow(), input.Audience ?? Audiences.Partner, cancellationToken).ConfigureAwait(false);
        return ApiAnswer.JsonBody(201, created).WithHeader(HeaderNames.Location, ApiOperations.RemoveFlashWebhook.PathFor(created.Id));
    }

    /// <summary><c>DELETE /api/admin/flash/webhooks/{id}</c>: 204, or 404.</summary>
    public async Task<ApiAnswer> RemoveWebhookAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParseExact(id, "D", out var webhookId))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "The webhook id must be a UUID.", [new FieldError("id", "Must be a UUID.")]);
        }

        return await webhooks.RemoveAsync(webhookId, cancellationToken).ConfigureAwait(false)
            ? ApiAnswer.NoContent()
            : ApiAnswer.FromProblem(ProblemCatalog.WebhookNotFound, "No webhook with this id.");
    }

    /// <summary><c>GET /api/admin/flash/deliveries?status=</c>: the newest deliveries (at most 200).</summary>
    public async Task<ApiAnswer> ListDeliveriesAsync(string? status, CancellationToken cancellationToken = default)
    {
        if (status is not null && !FlashStatuses.All.Contains(status))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "status must be pending, failed, delivered or dead.", [new FieldError("status", "Must be pending, failed, delivered or dead.")]);
        }

        return ApiAnswer.JsonBody(200, await deliveries.ListAsync(status, MaxListed, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>POST /api/admin/flash/deliveries/{id}/redeliver</c>: queues it now with a fresh retry budget; 202.</summary>
    public async Task<ApiAnswer> RedeliverAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParseExact(id, "D", out var deliveryId))
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidParameter, "The delivery id must be a UUID.", [new FieldError("id", "Must be a UUID.")]);
        }

        var delivery = await deliverer.RedeliverAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        return delivery is null
            ? ApiAnswer.FromProblem(ProblemCatalog.FlashDeliveryNotFound, "No flash delivery with this id.")
            : ApiAnswer.JsonBody(202, delivery);
    }

    /// <summary>Why <paramref name="url"/> cannot be a webhook; null when it can.</summary>
    internal static string? ValidateUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return "Must be an absolute https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Must not carry a user name or password; the signature authenticates each delivery.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        // Plain http only to this machine: a signed alert must not cross a network in clear text.
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return uri.Scheme == Uri.UriSchemeHttp && loopback ? null : "Must use https (plain http only to a loopback address).";
    }
}
