namespace Intake.Core.Digest.Delivery;

/// <summary>Stops start-up on SMTP settings that cannot be used safely (<see cref="SmtpOptions.Problem"/>).</summary>
internal sealed class SmtpOptionsValidation : IValidateOptions<SmtpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
