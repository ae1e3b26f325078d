namespace Intake.Core.OpenRosa;

/// <summary>A request body, or one part of it, is larger than its limit.</summary>
internal sealed class RequestTooLargeException : Exception
{
    /// <summary>Creates the exception for a limit in bytes.</summary>
    public RequestTooLargeException(long limit)
        : base($"The request is larger than {limit} bytes.") => Limit = limit;

    /// <summary>Creates the exception.</summary>
    public RequestTooLargeException()
        : this(0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }
}
