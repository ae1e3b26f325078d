namespace Intake.Core.Hosting;

/// <summary>The log filters both hosts apply, so that what one host keeps out of its logs the other does too.</summary>
public static class IntakeLogFilters
{
    /// <summary>
    /// Keeps request lines (which carry the path, and so the credential of <c>key/{token}/</c>
    /// routes) and the SDKs' per-call chatter out of the logs; warnings and errors still pass.
    /// </summary>
    public static ILoggingBuilder AddIntakeLogFilters(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        // The SDKs log every request at Information; keep their warnings and errors only.
        logging.AddFilter("Azure", LogLevel.Warning);
        // Azure.Core logs every 4xx as a warning, including the 409s that are our idempotency gate
        // and "container already exists" at start-up; the pipeline handles those itself.
        logging.AddFilter("Azure.Core", LogLevel.Error);
        // ASP.NET Core logs each request several times at Information; under load that is most of
        // the host's logging CPU (issue 7's benchmark). Intake logs each stored report itself.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Request lines carry the path, and path-token routes (key/{token}/...) carry a credential there: never log them.
        // (Also covered by the Microsoft.AspNetCore filter above; stated here so that loosening it cannot leak tokens.)
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        // HttpClient logs each outgoing request's URL at Information (webhook URLs may carry secrets).
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        return logging;
    }
}
