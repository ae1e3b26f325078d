namespace Intake.SelfHost;

/// <summary>A required setting is missing; the message is the one line the host prints before it stops.</summary>
public sealed class IntakeSettingsException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public IntakeSettingsException()
        : base("A required setting is missing.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public IntakeSettingsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public IntakeSettingsException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
