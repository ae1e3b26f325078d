using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Configuration;
using Intake.Core.Exports;
using Intake.Core.Problems;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Intake.Core.Taxonomy;
using Microsoft.Net.Http.Headers;

namespace Intake.Core.Http;

/// <summary>
/// Data out: report exports (CSV, GeoJSON, NDJSON), the OData feed for BI tools, and attachment
/// downloads. Admins see every report; partners only their regions' consented, processed reports,
/// never personal fields. Exports audit themselves (<see cref="ReportExport"/>), with the row count
/// known only once the last row is written.
/// </summary>
public sealed class ExportApi(
    ReportExport export,
    ReportExportSource source,
    AttachmentStore attachments,
    CategoryTaxonomy taxonomy,
    IOptionsMonitor<IntakeOptions> options,
    TimeProvider time)
{
    private static readonly byte[] Metadata = ODataDocuments.Metadata();

    /// <summary><c>GET /api/admin/exports/reports</c>: streams the reports in the asked format.</summary>
    public Task<ApiAnswer> ExportReportsAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = Caller.Of(request.HttpContext) ?? throw new InvalidOperationException("The access gate attaches a caller before exports.");
        var (parsed, refusal) = ExportQuery.Parse(request.Query, Today(), options.CurrentValue.ExportMaxDays, taxonomy);
        var scope = ExportScope.Of(caller);
        refusal ??= scope.Refusal(parsed!.Selection, parsed.IncludePersonal) is { } beyond
            ? new ExportRefusal(ProblemCatalog.OutsidePartnerScope, beyond.Field, beyond.Detail)
            : null;
        if (refusal is not null)
        {
            AuditNote.Attach(request.HttpContext, new { refusal.Field }, 0);
            return Task.FromResult(Refuse(refusal));
        }

        var requestLine = $"{request.Method} {request.PathBase}{request.Path}{request.QueryString}";
        var fileName = $"reports-{parsed!.Selection.From:yyyyMMdd}-{parsed.Selection.To:yyyyMMdd}.{ReportExport.Extension(parsed.Format)}";
        var answer = ApiAnswer.Streamed(200, ReportExport.MediaType(parsed.Format),
                (_, body, ct) => export.WriteAsync(parsed, scope, caller, requestLine, body, ct))
            .WithHeader(HeaderNames.ContentDisposition, $"attachment; filename=\"{fileName}\"")
            .WithHeader(HeaderNames.CacheControl, "no-store");
        return Task.FromResult(answer);
    }

    /// <summary><c>GET /api/admin/odata</c>: the OData service document.</summary>
    public static Task<ApiAnswer> ODataServiceAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(OData(ApiAnswer.Bytes(200, "application/json; odata.metadata=minimal; charset=utf-8", ODataDocuments.Service(ServiceRoot(request)))));
    }

    /// <summary><c>GET /api/admin/odata/$metadata</c>: the CSDL of the <c>Reports</c> entity set.</summary>
    public static Task<ApiAnswer> ODataMetadataAsync() => Task.FromResult(OData(ApiAnswer.Bytes(200, "application/xml; charset=utf-8", Metadata)));

    /// <summary><c>GET /api/admin/odata/Reports</c>: one page of processed reports, without personal fields.</summary>
    public async Task<ApiAnswer> ODataReportsAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = Caller.Of(request.HttpContext) ?? throw new InvalidOperationException("The access gate attaches a caller before the feed.");
        var (page, refusal) = ODataQuery.Parse(request.Query, Today(), options.CurrentValue.ExportMaxDays, taxonomy);
        var scope = ExportScope.Of(caller);
        refusal ??= scope.Refusal(page!.Selection, false) is { } beyond ? new ExportRefusal(ProblemCatalog.OutsidePartnerScope, "$filter", beyond.Detail) : null;
        if (refusal is not null)
        {
            AuditNote.Attach(request.HttpContext, new { refusal.Field }, 0);
            return Refuse(refusal);
        }

        // One row beyond the page says whether there is a next one.
        var rows = new List<ExportedReport>(Math.Min(page!.Top + 1, ODataQuery.MaxTop + 1));
        var skipped = 0;
        await foreach (var row in source.ReadAsync(page.Selection, scope, includePersonal: false, cancellationToken).ConfigureAwait(false))
        {
            if (skipped++ < page.Skip)
            {
                continue;
            }

            if (rows.Count > page.Top)
            {
                break;
            }

            rows.Add(row);
        }

        string? next = null;
        if (rows.Count > page.Top)
        {
            rows.RemoveAt(rows.Count - 1);
            next = page.ClientTop ? null : NextLink(request, page);
        }

        AuditNote.Attach(request.HttpContext, new { page.Filter, page.Top, page.Skip, partnerRegions = scope.PartnerRegions }, rows.Count);
        return OData(ApiAnswer.Bytes(200, "application/json; odata.metadata=minimal; charset=utf-8", ODataDocuments.Page(ServiceRoot(request), rows, next)));
    }

    /// <summary><c>GET /api/admin/reports/{id}/attachments/{sha256}</c>: one attachment's bytes with its stored content type.</summary>
    public async Task<ApiAnswer> AttachmentAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var idText = request.Route("id");
        var sha = request.Route("sha256").ToLowerInvariant();
        AuditNote.Attach(request.HttpContext, new { id = idText, sha256 = sha }, 0);
        if (!Guid.TryParseExact(idText, "D", out var reportId))
        {
            return AdminApi.Invalid("id", "Must be a report id (a UUID).");
        }

        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
        {
            return AdminApi.Invalid("sha256", "Must be 64 hexadecimal characters.");
        }

        var stored = await attachments.ListAsync(reportId, cancellationToken).ConfigureAwait(false);
        var attachment = stored.Values.FirstOrDefault(a => a.Sha256 == sha);
        if (attachment is null)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.AttachmentNotFound, "This report has no attachment with this SHA-256.", [new FieldError("sha256", "No such attachment on this report.")]);
        }

        var content = await attachments.ReadAsync(attachment, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, new { id = idText, sha256 = sha }, 1);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(attachment.FileName);
        return ApiAnswer.Bytes(200, attachment.ContentType, content.ToArray())
            .WithHeader(HeaderNames.ContentDisposition, disposition.ToString())
            .WithHeader(HeaderNames.XContentTypeOptions, "nosniff")
            .WithHeader(HeaderNames.CacheControl, "no-store");
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static ApiAnswer Refuse(ExportRefusal refusal) =>
        ApiAnswer.FromProblem(refusal.Problem, $"'{refusal.Field}': {refusal.Detail}", [new FieldError(refusal.Field, refusal.Detail)]);

    private static ApiAnswer OData(ApiAnswer answer) => answer.WithHeader("OData-Version", "4.0");

    private static string ServiceRoot(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{ApiOperation.PathPrefix}{Routes.ODataService}/";

    private static string NextLink(HttpRequest request, ODataQuery.Page page)
    {
        var query = QueryString.Create([
            .. page.Filter is null ? Array.Empty<KeyValuePair<string, string?>>() : [new("$filter", page.Filter)],
            new("$skip", (page.Skip + page.Top).ToString(CultureInfo.InvariantCulture)),
        ]);
        return $"{ServiceRoot(request)}Reports{query}";
    }
}
