using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Flash;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>POST /api/admin/alerts/backtest</c>.</summary>
    public static readonly ApiOperation AlertsBacktest = ApiOperation.Of<AlertsApi>(
        nameof(AlertsBacktest), "POST", Routes.AlertsBacktest, RouteClass.Admin,
        "Replays the alert rules (or candidate rules) over stored history, each day as known at its end: the alerts each day would have raised, new and ongoing.",
        (api, request, ct) => api.BacktestAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(BacktestRequest)),
        Responses = [new(200, "Each day's alerts.", new ApiContent(Json, typeof(BacktestResult)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.ValidationFailed],
    };

    /// <summary><c>GET /api/admin/flash/webhooks</c>.</summary>
    public static readonly ApiOperation ListFlashWebhooks = ApiOperation.Of<FlashApi>(
        nameof(ListFlashWebhooks), "GET", Routes.FlashWebhooks, RouteClass.Admin,
        "The flash-alert webhooks (without their secrets).",
        (api, _, ct) => api.ListWebhooksAsync(ct)) with
    {
        Responses = [new(200, "Every webhook.", new ApiContent(Json, typeof(IReadOnlyList<FlashWebhook>)))],
    };

    /// <summary><c>POST /api/admin/flash/webhooks</c>.</summary>
    public static readonly ApiOperation AddFlashWebhook = ApiOperation.Of<FlashApi>(
        nameof(AddFlashWebhook), "POST", Routes.FlashWebhooks, RouteClass.Admin,
        "Registers a webhook for the flash alerts of some regions; the answer shows its signing secret, once.",
        (api, request, ct) => api.AddWebhookAsync(request, ct)) with
    {
        Body = new ApiContent(Json, typeof(WebhookRequest)),
        Responses = [new(201, "Registered; Location names it. Keep the secret: it is not shown again.", new ApiContent(Json, typeof(FlashWebhookCreated)))],
        Problems = [ProblemCatalog.MalformedJson, ProblemCatalog.BodyTooLarge, ProblemCatalog.ValidationFailed],
    };

    /// <summary><c>DELETE /api/admin/flash/webhooks/{id}</c>.</summary>
    public static readonly ApiOperation RemoveFlashWebhook = ApiOperation.Of<FlashApi>(
        nameof(RemoveFlashWebhook), "DELETE", Routes.FlashWebhook, RouteClass.Admin,
        "Removes a webhook; its undelivered flashes are dead-lettered.",
        (api, request, ct) => api.RemoveWebhookAsync(request.Route("id"), ct)) with
    {
        Responses = [new(204, "Removed.")],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.WebhookNotFound],
    };

    /// <summary><c>GET /api/admin/flash/deliveries</c>.</summary>
    public static readonly ApiOperation ListFlashDeliveries = ApiOperation.Of<FlashApi>(
        nameof(ListFlashDeliveries), "GET", Routes.FlashDeliveries, RouteClass.Admin,
        "The newest flash deliveries (at most 200), with attempts and the last error.",
        (api, request, ct) => api.ListDeliveriesAsync(request.QueryValue("status"), ct)) with
    {
        Query = [new("status", "Only deliveries in this state: pending, failed, delivered or dead.")],
        Responses = [new(200, "The deliveries, newest first.", new ApiContent(Json, typeof(IReadOnlyList<FlashDelivery>)))],
        Problems = [ProblemCatalog.InvalidParameter],
    };

    /// <summary><c>POST /api/admin/flash/deliveries/{id}/redeliver</c>.</summary>
    public static readonly ApiOperation RedeliverFlash = ApiOperation.Of<FlashApi>(
        nameof(RedeliverFlash), "POST", Routes.FlashRedeliver, RouteClass.Admin,
        "Delivers a flash alert again now (the same delivery id and body), with a fresh retry budget.",
        (api, request, ct) => api.RedeliverAsync(request.Route("id"), ct)) with
    {
        Responses = [new(202, "Queued.", new ApiContent(Json, typeof(FlashDelivery)))],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.FlashDeliveryNotFound],
    };

    private static IEnumerable<ApiOperation> AlertsGroup =>
        [AlertsBacktest, ListFlashWebhooks, AddFlashWebhook, RemoveFlashWebhook, ListFlashDeliveries, RedeliverFlash];
}
