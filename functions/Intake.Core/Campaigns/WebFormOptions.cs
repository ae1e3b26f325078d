namespace Intake.Core.Campaigns;

/// <summary>
/// The web form's settings, bound from <c>Intake:WebForm</c> (<c>Intake__WebForm__*</c>). The title
/// is what the browser tab and the home-screen shortcut show: neutral by default, so that an open
/// tab does not say what it is.
/// </summary>
public sealed class WebFormOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:WebForm";

    /// <summary>The page title and app name (default <c>Notes</c>).</summary>
    [Required, StringLength(40, MinimumLength = 1)]
    public string Title { get; set; } = "Notes";

    /// <summary>Largest photo after the browser resized it, in bytes (default 2 MB; at most the OpenRosa attachment limit).</summary>
    [Range(16 * 1024, 15 * 1024 * 1024)]
    public int MaxPhotoBytes { get; set; } = 2 * 1024 * 1024;
}
