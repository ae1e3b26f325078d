namespace Intake.Core.Digest.Flash;

/// <summary>A delivery attempt that did not reach its receiver; the message is safe to store and show.</summary>
public sealed class FlashDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlashDeliveryException(string message, bool permanent, Exception? inner = null)
        : base(message, inner) => Permanent = permanent;

    /// <summary>Creates the exception (a transient failure).</summary>
    public FlashDeliveryException()
        : this("delivery failed", permanent: false)
    {
    }

    /// <summary>Creates the exception (a transient failure).</summary>
    public FlashDeliveryException(string message)
        : this(message, permanent: false)
    {
    }

    /// <summary>Creates the exception (a transient failure).</summary>
    public FlashDeliveryException(string message, Exception inner)
        : this(message, permanent: false, inner)
    {
    }

    /// <summary>True when retrying cannot help (the receiver was removed): the delivery is dead-lettered at once.</summary>
    public bool Permanent { get; }
}
