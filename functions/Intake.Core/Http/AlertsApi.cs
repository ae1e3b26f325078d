using Intake.Core.Digest.Alerts;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Taxonomy;

namespace Intake.Core.Http;

/// <summary>
/// The HTTP edge of the alert engine, shared by both hosts: the backtest an analyst runs before
/// changing a rule. (Flash-alert webhooks and deliveries have their own API class.)
/// </summary>
public sealed class AlertsApi(AlertBacktest backtest, CategoryTaxonomy taxonomy, TimeProvider time)
{
    // A rules document is a few kilobytes; 256 KB leaves room for comments and many rules.
    private const int MaxBody = 256 * 1024;

    /// <summary><c>POST /api/admin/alerts/backtest</c>: the alerts each day from..to would have raised.</summary>
    public async Task<ApiAnswer> BacktestAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadAsync(request, MaxBody, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.BodyTooLarge, $"The body must be at most {MaxBody} bytes.");
        }

        BacktestRequest? input;
        try
        {
            input = JsonSerializer.Deserialize<BacktestRequest>(body.Value.Span, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.MalformedJson, "Send {\"from\": \"yyyy-MM-dd\", \"to\": \"yyyy-MM-dd\", \"rules\": {...}} as JSON.");
        }

        var errors = new List<FieldError>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = Day(input?.From, "from", today, errors);
        var to = Day(input?.To, "to", today, errors);
        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber + 1 > AlertBacktest.MaxDays))
        {
            errors.Add(new FieldError("to", $"Must be from 'from' to {AlertBacktest.MaxDays - 1} days after it."));
        }

        var candidate = Rules(input?.Rules, errors);
        if (errors.Count > 0)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.ValidationFailed, $"{errors.Count} field(s) are invalid; see 'errors'. Nothing was replayed.", errors);
        }

        var result = await backtest.RunAsync(from!.Value, to!.Value, candidate, progress: null, cancellationToken).ConfigureAwait(false);
        return ApiAnswer.JsonBody(200, result);
    }

    private static DateOnly? Day(string? text, string field, DateOnly today, List<FieldError> errors)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(new FieldError(field, "Required, as yyyy-MM-dd."));
            return null;
        }

        if (day > today)
        {
            errors.Add(new FieldError(field, "Must not be after today (UTC)."));
            return null;
        }

        return day;
    }

    private AlertRules? Rules(JsonElement? rules, List<FieldError> errors)
    {
        if (rules is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("rules", "Must be an alert rules document (an object like digest/alert-rules.json)."));
            return null;
        }

        try
        {
            using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(element));
            return AlertRules.Load(stream, taxonomy);
        }
        catch (JsonException e)
        {
            // The loader's message names the rule and field ("Alert rule 'x' names unknown risk factor RF99"); it never echoes a report.
            errors.Add(new FieldError("rules", e.Message));
            return null;
        }
    }
}
