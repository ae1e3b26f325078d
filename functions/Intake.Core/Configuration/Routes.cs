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

    /// <summary>GET a day's digest (<c>?format=json|md|html</c>).</summary>
    public const string Digest = "digests/{date}";

    /// <summary>GET the most recent digest (<c>?format=json|md|html</c>).</summary>
    public const string LatestDigest = "digests/latest";

    /// <summary>GET the subscribers, or POST one (admin).</summary>
    public const string Subscribers = "admin/subscribers";

    /// <summary>DELETE a subscriber (admin).</summary>
    public const string Subscriber = "admin/subscribers/{id}";

    /// <summary>POST: compile a day's digest now (admin).</summary>
    public const string CompileDigest = "admin/digests/{date}/compile";

    /// <summary>POST: send a day's digest (admin; <c>?force=true&amp;subscriber={id}</c>).</summary>
    public const string SendDigest = "admin/digests/{date}/send";
}
