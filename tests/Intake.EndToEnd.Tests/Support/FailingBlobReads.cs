using Azure.Core;
using Azure.Core.Pipeline;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>
/// A storage transport that, while switched on, throws an unexpected exception (not a storage
/// error) on every read of a raw submission: a bug deep in a handler, as a test can cause one
/// through real HTTP. The exception's message is a secret that must never reach a client.
/// </summary>
public sealed class FailingBlobReads : HttpPipelineTransport
{
    /// <summary>The text of the thrown exception.</summary>
    public const string Secret = "do-not-leak: connection string AccountKey=c2VjcmV0";

    private readonly HttpClientTransport _network = HttpClientTransport.Shared;

    /// <summary>Off until a test switches it on.</summary>
    public bool Enabled { get; set; }

    /// <inheritdoc />
    public override Request CreateRequest() => _network.CreateRequest();

    /// <inheritdoc />
    public override void Process(HttpMessage message)
    {
        ThrowIfChosen(message);
        _network.Process(message);
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(HttpMessage message)
    {
        ThrowIfChosen(message);
        return _network.ProcessAsync(message);
    }

    private void ThrowIfChosen(HttpMessage message)
    {
        if (Enabled && message.Request.Method == RequestMethod.Head && message.Request.Uri.Path.Contains("/raw-submissions/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(Secret);
        }
    }
}
