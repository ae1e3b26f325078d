using Intake.Core.Access;
using Intake.Core.Admin;

namespace Intake.Core.Exports;

/// <summary>
/// Runs one export: reads the reports a caller may see and writes them in the asked format, a row at
/// a time, then appends its audit row (who, when, the filter, the format, the row count, and whether
/// it finished). An export with personal fields is audited before its first row too, and does not
/// start if that row cannot be written: no personal data leaves without a trace.
/// </summary>
public sealed partial class ReportExport(ReportExportSource source, AuditLog audit, TimeProvider time, ILogger<ReportExport> logger)
{
    /// <summary>The audit action of exports.</summary>
    public const string AuditAction = "ExportReports";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The media type of a format.</summary>
    public static string MediaType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8; header=present",
        ExportFormat.GeoJson => "application/geo+json",
        _ => "application/x-ndjson",
    };

    /// <summary>The file extension of a format.</summary>
    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.GeoJson => "geojson",
        _ => "ndjson",
    };

    /// <summary>Writes the export to <paramref name="output"/>; returns the number of reports written.</summary>
    /// <param name="request">What to export (already checked against the caller's scope).</param>
    /// <param name="scope">What the caller may see.</param>
    /// <param name="caller">Who asks, for the audit row.</param>
    /// <param name="requestLine">Method, path and query, for the audit row.</param>
    /// <param name="output">Where the export goes (the response body).</param>
    /// <param name="cancellationToken">Cancels the export (the client went away).</param>
    public async Task<int> WriteAsync(ExportRequest request, ExportScope scope, Caller caller, string requestLine, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(output);
        var parameters = JsonSerializer.Serialize(Parameters(request, scope), Json);
        if (request.IncludePersonal)
        {
            await audit.AppendAsync(Entry(caller, requestLine, parameters, "started", null), cancellationToken).ConfigureAwait(false);
        }

        var count = 0;
        var outcome = "failed";
        try
        {
            await using var writer = Writer(request, output);
            await foreach (var report in source.ReadAsync(request.Selection, scope, request.IncludePersonal, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(report, cancellationToken).ConfigureAwait(false);
                count++;
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            outcome = "succeeded";
            LogExported(caller.Id, request.Format, count, request.IncludePersonal);
            return count;
        }
        finally
        {
            // Written even when the export broke off: the rows counted did leave.
            await AppendFinalAsync(Entry(caller, requestLine, parameters, outcome, count)).ConfigureAwait(false);
        }
    }

    private static IExportWriter Writer(ExportRequest request, Stream output) => request.Format switch
    {
        ExportFormat.Csv => new CsvExportWriter(output, request.IncludePersonal, request.ByteOrderMark),
        ExportFormat.GeoJson => new GeoJsonExportWriter(output, request.IncludePersonal),
        _ => new NdJsonExportWriter(output, request.IncludePersonal),
    };

    private static object Parameters(ExportRequest request, ExportScope scope)
    {
        var s = request.Selection;
        return new
        {
            from = s.From,
            to = s.To,
            s.Country,
            s.Admin1,
            s.Category,
            status = string.Join(',', s.Statuses),
            format = Extension(request.Format),
            request.IncludePersonal,
            partnerRegions = scope.PartnerRegions,
        };
    }

    private AuditEntry Entry(Caller caller, string requestLine, string parameters, string outcome, int? count) =>
        new(time.GetUtcNow(), caller.Id, caller.Name, AuditAction, requestLine, parameters, outcome, 200, count);

    private async Task AppendFinalAsync(AuditEntry entry)
    {
        try
        {
            await audit.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAuditFailed(e, entry.Who, entry.Count ?? 0);
        }
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Caller {CallerId} exported {Count} reports as {Format} (personal fields: {IncludePersonal})")]
    private partial void LogExported(string callerId, ExportFormat format, int count, bool includePersonal);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "Could not write the audit row of an export by {CallerId} ({Count} reports)")]
    private partial void LogAuditFailed(Exception exception, string callerId, int count);
}
