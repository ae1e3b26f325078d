namespace Intake.Core.Submissions;

/// <summary>
/// Storage could not be reached in time (after the SDK's retries, or with the circuit open). The
/// client should retry after <see cref="RetryAfter"/>; nothing it sent was acknowledged.
/// </summary>
internal sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null)
        : base(message, inner) => RetryAfter = retryAfter;

    /// <summary>Creates the exception with a default retry interval.</summary>
    public StorageUnavailableException()
        : this("Storage is unavailable.", TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>Creates the exception with a default retry interval.</summary>
    public StorageUnavailableException(string message)
        : this(message, TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>Creates the exception with a default retry interval.</summary>
    public StorageUnavailableException(string message, Exception inner)
        : this(message, TimeSpan.FromSeconds(10), inner)
    {
    }

    /// <summary>When the client may try again.</summary>
    public TimeSpan RetryAfter { get; }
}
