using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Exports;
using Intake.Core.Problems;

namespace Intake.Core.Http;

public static partial class ApiOperations
{
    /// <summary><c>GET /api/admin/exports/reports</c>.</summary>
    public static readonly ApiOperation ExportReports = ApiOperation.Of<ExportApi>(
        nameof(ExportReports), "GET", Routes.ExportReports, RouteClass.Partner,
        "Streams reports with their normalised fields as CSV, GeoJSON or NDJSON. Partners get only their regions' processed reports whose reporter consented to sharing; personal fields only for admins who ask (audited).",
        (api, request, ct) => api.ExportReportsAsync(request, ct)) with
    {
        Query =
        [
            new("from", $"First UTC day of receipt (default: {ExportQuery.DefaultDays - 1} days before to).", Format: "date"),
            new("to", "Last UTC day of receipt (default: today). The range may cover at most Intake__ExportMaxDays days (default 366).", Format: "date"),
            new("country", "ISO 3166-1 alpha-2 code, as stated or as resolved."),
            new("admin1", "First-level area: its name as stated or its ISO 3166-2 code."),
            new("category", "A category code of /api/schema/report."),
            new("status", "Comma-separated statuses (default: processed; partners: processed only)."),
            new("format", "csv (default), geojson or ndjson."),
            new("includePersonal", "true adds narrative, reporterId and reporterContact (admins only; audited before the first row).", "boolean"),
            new("bom", "true starts a CSV with a UTF-8 byte order mark, for spreadsheet programs.", "boolean"),
        ],
        Responses =
        [
            new(200, "The export, streamed: text/csv (RFC 4180), application/geo+json (RFC 7946 FeatureCollection) or application/x-ndjson.", new ApiContent("text/csv")),
        ],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.UnknownFilterCode, ProblemCatalog.OutsidePartnerScope],
        AuditsItself = true,
    };

    /// <summary><c>GET /api/admin/odata</c>.</summary>
    public static readonly ApiOperation ODataService = ApiOperation.Of<ExportApi>(
        nameof(ODataService), "GET", Routes.ODataService, RouteClass.Partner,
        "The OData v4 service document of the report feed, for Excel and Power BI.",
        (_, request, _) => ExportApi.ODataServiceAsync(request)) with
    {
        Responses = [new(200, "The service document.", new ApiContent(Json))],
    };

    /// <summary><c>GET /api/admin/odata/$metadata</c>.</summary>
    public static readonly ApiOperation ODataMetadata = ApiOperation.Of<ExportApi>(
        nameof(ODataMetadata), "GET", Routes.ODataMetadata, RouteClass.Partner,
        "The OData v4 metadata (CSDL) of the Reports entity set.",
        (_, _, _) => ExportApi.ODataMetadataAsync()) with
    {
        Responses = [new(200, "The CSDL document.", new ApiContent("application/xml"))],
    };

    /// <summary><c>GET /api/admin/odata/Reports</c>.</summary>
    public static readonly ApiOperation ODataReports = ApiOperation.Of<ExportApi>(
        nameof(ODataReports), "GET", Routes.ODataReports, RouteClass.Partner,
        "Processed reports as an OData v4 entity set, without personal fields: $filter on receivedAt, country and category; $top, $skip; server-driven paging.",
        (api, request, ct) => api.ODataReportsAsync(request, ct)) with
    {
        Query =
        [
            new("$filter", "Clauses joined by 'and': receivedAt ge|gt|le|lt <yyyy-MM-dd or ISO 8601 instant>, country eq '<ISO code>', category eq '<code>'. Default: the last 366 days."),
            new("$top", $"Most rows, 0 to {ODataQuery.MaxTop} (default: pages of {ODataQuery.PageSize} with @odata.nextLink).", "integer"),
            new("$skip", "Rows to skip.", "integer"),
            new("$format", "json (the only one)."),
        ],
        Responses = [new(200, "One page: @odata.context, value, @odata.nextLink.", new ApiContent(Json))],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.UnknownFilterCode, ProblemCatalog.OutsidePartnerScope],
    };

    /// <summary><c>GET /api/admin/reports/{id}/attachments/{sha256}</c>.</summary>
    public static readonly ApiOperation AdminReportAttachment = ApiOperation.Of<ExportApi>(
        nameof(AdminReportAttachment), "GET", Routes.AdminReportAttachment, RouteClass.Admin,
        "One attachment of a report, by its SHA-256, with its stored content type (audited).",
        (api, request, ct) => api.AttachmentAsync(request, ct)) with
    {
        Responses = [new(200, "The attachment's bytes.", new ApiContent("application/octet-stream"))],
        Problems = [ProblemCatalog.InvalidParameter, ProblemCatalog.AttachmentNotFound],
    };

    private static IEnumerable<ApiOperation> ExportsGroup => [ExportReports, ODataService, ODataMetadata, ODataReports, AdminReportAttachment];
}
