using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>An empty storage answer made up by <see cref="StorageFaultInjector"/>.</summary>
public sealed class InjectedResponse(int status, string reasonPhrase, string clientRequestId) : Response
{
    /// <inheritdoc />
    public override int Status { get; } = status;

    /// <inheritdoc />
    public override string ReasonPhrase { get; } = reasonPhrase;

    /// <inheritdoc />
    public override Stream? ContentStream { get; set; } = new MemoryStream();

    /// <inheritdoc />
    public override string ClientRequestId { get; set; } = clientRequestId;

    /// <inheritdoc />
    public override void Dispose() => ContentStream?.Dispose();

    /// <inheritdoc />
    protected override bool ContainsHeader(string name) => false;

    /// <inheritdoc />
    protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

    /// <inheritdoc />
    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return false;
    }

    /// <inheritdoc />
    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = null;
        return false;
    }
}
