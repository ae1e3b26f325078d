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
}
