namespace Intake.Core.Storage;

/// <summary>How a submission arrived; recorded on the raw blob and the index row.</summary>
internal static class SubmissionSource
{
    /// <summary>The JSON API (<c>POST /api/reports</c>).</summary>
    public const string Json = "json";

    /// <summary>The web form of a campaign link (<c>POST /api/campaign/reports</c>); the raw blob is the same JSON report.</summary>
    public const string WebForm = "webform";

    /// <summary>The OpenRosa submission API (ODK Collect, Enketo and kin); the raw blob is XML.</summary>
    public const string OpenRosa = "openrosa";
}
