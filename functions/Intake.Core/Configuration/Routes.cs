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

    /// <summary>GET the storage queues with their approximate and poison counts (admin).</summary>
    public const string AdminQueues = "admin/queues";

    /// <summary>GET the messages in the poison queue with each report's last error (admin).</summary>
    public const string AdminPoison = "admin/poison";

    /// <summary>POST: move poison messages back to the processing queue (admin).</summary>
    public const string AdminReprocessPoison = "admin/poison/reprocess";

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
}
