namespace Intake.Core.Configuration;

/// <summary>HTTP routes, relative to the <c>api</c> prefix both hosts use.</summary>
public static class Routes
{
    /// <summary>POST a JSON report.</summary>
    public const string Reports = "reports";

    /// <summary>GET the status of one report.</summary>
    public const string Report = "reports/{id}";

    /// <summary>GET the storage health.</summary>
    public const string Health = "health";

    /// <summary>GET the JSON Schema of the report.</summary>
    public const string ReportSchema = "schema/report";

    /// <summary>GET the OpenAPI 3.1 document of the API.</summary>
    public const string OpenApi = "openapi.json";

    /// <summary>GET a day's digest (<c>?format=json|md|html</c>).</summary>
    public const string Digest = "digests/{date}";

    /// <summary>GET the most recent digest (<c>?format=json|md|html</c>).</summary>
    public const string LatestDigest = "digests/latest";

    /// <summary>GET the days that have a stored digest, newest first (admin).</summary>
    public const string Digests = "digests";

    /// <summary>GET the subscribers, or POST one (admin).</summary>
    public const string Subscribers = "admin/subscribers";

    /// <summary>DELETE a subscriber (admin).</summary>
    public const string Subscriber = "admin/subscribers/{id}";

    /// <summary>POST: compile a day's digest now (admin).</summary>
    public const string CompileDigest = "admin/digests/{date}/compile";

    /// <summary>POST: send a day's digest (admin; <c>?force=true&amp;subscriber={id}</c>).</summary>
    public const string SendDigest = "admin/digests/{date}/send";

    /// <summary>POST: replay the alert rules (or candidate rules) over stored history, day by day (admin).</summary>
    public const string AlertsBacktest = "admin/alerts/backtest";

    /// <summary>GET the flash-alert webhooks, or POST one (admin).</summary>
    public const string FlashWebhooks = "admin/flash/webhooks";

    /// <summary>DELETE a flash-alert webhook (admin).</summary>
    public const string FlashWebhook = "admin/flash/webhooks/{id}";

    /// <summary>GET the flash-alert deliveries (admin; <c>?status=failed|dead|pending|delivered</c>).</summary>
    public const string FlashDeliveries = "admin/flash/deliveries";

    /// <summary>POST: deliver one flash alert again (admin).</summary>
    public const string FlashRedeliver = "admin/flash/deliveries/{id}/redeliver";

    /// <summary>GET the OpenRosa form list (anonymous).</summary>
    public const string OpenRosaFormList = "openrosa/formList";

    /// <summary>GET one blank form (anonymous); the form list's <c>downloadUrl</c>.</summary>
    public const string OpenRosaForm = "openrosa/forms/{formId}";

    /// <summary>HEAD, GET (204 with the size limit) and POST (a submission) for OpenRosa clients.</summary>
    public const string OpenRosaSubmission = "openrosa/submission";

    /// <summary>
    /// The prefix of the path-token variants: clients that cannot send headers (ODK Collect with
    /// a server URL only) carry the submitter credential in the path, in the route value <c>token</c>.
    /// </summary>
    public const string KeyPrefix = "key/{token}/";

    /// <summary><see cref="OpenRosaFormList"/> with a path token.</summary>
    public const string KeyedOpenRosaFormList = KeyPrefix + OpenRosaFormList;

    /// <summary><see cref="OpenRosaForm"/> with a path token.</summary>
    public const string KeyedOpenRosaForm = KeyPrefix + OpenRosaForm;

    /// <summary><see cref="OpenRosaSubmission"/> with a path token.</summary>
    public const string KeyedOpenRosaSubmission = KeyPrefix + OpenRosaSubmission;

    /// <summary>GET the storage queues with their approximate and poison counts (admin).</summary>
    public const string AdminQueues = "admin/queues";

    /// <summary>GET the messages in the poison queue with each report's last error (admin).</summary>
    public const string AdminPoison = "admin/poison";

    /// <summary>POST: move poison messages back to the processing queue (admin).</summary>
    public const string AdminReprocessPoison = "admin/poison/reprocess";

    /// <summary>GET the reports that need attention (failed, needs-review, encrypted, received) by day of receipt (admin).</summary>
    public const string AdminReports = "admin/reports";

    /// <summary>POST: queue already processed reports again, by filter (admin).</summary>
    public const string AdminRequeueReports = "admin/reports/requeue";

    /// <summary>POST: run the reconciler now (admin).</summary>
    public const string AdminReconcile = "admin/reconcile";

    /// <summary>GET the audit log, filtered by time (admin).</summary>
    public const string AdminAudit = "admin/audit";

    /// <summary>GET the access tokens, POST a new one (admin).</summary>
    public const string AdminTokens = "admin/tokens";

    /// <summary>DELETE (revoke) one access token (admin).</summary>
    public const string AdminToken = "admin/tokens/{id}";

    /// <summary>GET the admin1 names that did not resolve, with counts and countries (admin).</summary>
    public const string AdminUnresolvedPlaces = "admin/places/unresolved";

    /// <summary>GET the place aliases, POST a new one (admin).</summary>
    public const string AdminPlaceAliases = "admin/places/aliases";

    /// <summary>DELETE one place alias: its country and its name, escaped (admin).</summary>
    public const string AdminPlaceAlias = "admin/places/aliases/{country}/{name}";

    /// <summary>GET a file of the web console (anonymous: the files hold no data; every API call they make needs a token).</summary>
    public const string Console = "console/{*path}";

    /// <summary>GET the console's settings (anonymous: Entra ID client id, authority and scope, the tile layer; no secret). A literal route, so it wins over <see cref="Console"/>.</summary>
    public const string ConsoleSettings = "console/settings.json";

    /// <summary>GET the processed reports of a range of days, as points for the console's map (admin).</summary>
    public const string AdminIncidents = "admin/incidents";

    /// <summary>GET: export reports as CSV, GeoJSON or NDJSON (admin or partner).</summary>
    public const string ExportReports = "admin/exports/reports";

    /// <summary>GET: the OData service document (admin or partner).</summary>
    public const string ODataService = "admin/odata";

    /// <summary>GET: the OData metadata document (admin or partner).</summary>
    public const string ODataMetadata = "admin/odata/$metadata";

    /// <summary>GET: the OData entity set of processed reports (admin or partner).</summary>
    public const string ODataReports = "admin/odata/Reports";

    /// <summary>GET: one attachment of a report by its SHA-256 (admin).</summary>
    public const string AdminReportAttachment = "admin/reports/{id}/attachments/{sha256}";

    /// <summary>GET an encrypted OpenRosa submission as received: its manifest and the stored files it names (admin).</summary>
    public const string AdminEncryptedSubmission = "admin/reports/{id}/encrypted";
    /// <summary>GET the campaigns, POST a new one (admin).</summary>
    public const string AdminCampaigns = "admin/campaigns";

    /// <summary>POST: close a campaign; its link stops working (admin).</summary>
    public const string AdminCloseCampaign = "admin/campaigns/{id}/close";

    /// <summary>
    /// GET a file of the web form of a campaign link (anonymous: the files hold no data). The link
    /// is <c>/api/r/{campaign}/#{token}</c>: the <c>api</c> prefix is the Functions host's, kept in
    /// the self-host so that both serve the same paths.
    /// </summary>
    public const string WebForm = "r/{campaign}/{*path}";

    /// <summary>GET what the web form needs to know about its campaign (campaign token).</summary>
    public const string Campaign = "campaign";

    /// <summary>POST a report from the web form, multipart with its photos (campaign token).</summary>
    public const string CampaignReports = "campaign/reports";
}
