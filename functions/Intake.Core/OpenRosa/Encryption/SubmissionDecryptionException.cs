namespace Intake.Core.OpenRosa.Encryption;

/// <summary>
/// An encrypted submission cannot be decrypted or does not verify. The message names the problem
/// (a manifest field, a file, the key, the signature) and never carries submitted content: it is
/// shown to admins as the report's review reason.
/// </summary>
public sealed class SubmissionDecryptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SubmissionDecryptionException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public SubmissionDecryptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public SubmissionDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
