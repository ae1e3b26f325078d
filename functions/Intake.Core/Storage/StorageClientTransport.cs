using Azure.Core.Pipeline;

namespace Intake.Core.Storage;

/// <summary>
/// The transport the storage clients send every request through, below their retry policy.
/// Neither host registers one (the SDK's own HTTP transport is used); the fault tests register a
/// transport that fails some requests the way a flaky network or a busy account does, to prove
/// that the retry layer above absorbs such faults.
/// </summary>
/// <param name="Transport">The transport.</param>
public sealed record StorageClientTransport(HttpPipelineTransport Transport);
