using Intake.SelfHost;
using Microsoft.Extensions.Options;

try
{
    await IntakeSelfHost.Build(args).RunAsync().ConfigureAwait(false);
    return 0;
}
catch (IntakeSettingsException e)
{
    // A configuration mistake is one line naming the setting, not a stack trace.
    await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
    return 2;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"Invalid settings ({e.OptionsType.Name}): {string.Join(" ", e.Failures)}").ConfigureAwait(false);
    return 2;
}
