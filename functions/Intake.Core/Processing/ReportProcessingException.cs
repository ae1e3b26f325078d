namespace Intake.Core.Processing;

/// <summary>
/// A report cannot be processed as things stand. The message is recorded on the index row and
/// shown to admins, so it must never contain personal data from the report.
/// </summary>
internal sealed class ReportProcessingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportProcessingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReportProcessingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReportProcessingException()
    {
    }
}
