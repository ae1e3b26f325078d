namespace Intake.Core.Processing;

/// <summary>Some reports of a batch failed (each recorded on its row); the message is to be delivered again.</summary>
public sealed class ReportBatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportBatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReportBatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the first failure.</summary>
    public ReportBatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="failed"/> of <paramref name="count"/> reports.</summary>
    public ReportBatchException(int failed, int count, Exception first)
        : base($"{failed} of {count} reports failed; the others are processed.", first)
    {
    }
}
