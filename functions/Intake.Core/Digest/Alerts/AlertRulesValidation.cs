using Intake.Core.Taxonomy;

namespace Intake.Core.Digest.Alerts;

/// <summary>
/// Loads the configured alert rules when the options are validated at start-up, so a rules file
/// with an unknown field, kind, level, signal or risk factor stops the host with a message that
/// names the rule and field, instead of failing on the first digest.
/// </summary>
internal sealed class AlertRulesValidation(CategoryTaxonomy taxonomy) : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        try
        {
            AlertRules.LoadConfigured(options.AlertRulesPath, taxonomy);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Digest:AlertRulesPath '{options.AlertRulesPath}': {e.Message}");
        }
    }
}
