using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Digest.Alerts;
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

    private static IEnumerable<ApiOperation> AlertsGroup => [AlertsBacktest];
}
