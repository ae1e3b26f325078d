using Azure.Core;
using Azure.Core.Pipeline;

namespace Intake.Core.Tests.Support;

/// <summary>
/// A real HTTP transport that holds back the requests whose path contains a given text, so that a
/// test can keep an operation in flight (for example a reconciler pass holding its lease) while it
/// starts another.
/// </summary>
public sealed class SlowRequestsTransport(string pathContains, TimeSpan delay) : HttpClientTransport
{
    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Uri.Path.Contains(pathContains, StringComparison.Ordinal))
        {
            await Task.Delay(delay, message.CancellationToken);
        }

        await base.ProcessAsync(message);
    }
}
