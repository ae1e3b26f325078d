namespace Intake.Core.Digest;

/// <summary>
/// Stored beside a digest (<c>compile.json</c>): when it was compiled and what the live pipeline
/// looked like then. Kept out of the digest so a recompile gives byte-identical JSON.
/// </summary>
/// <param name="Day">The digest's day.</param>
/// <param name="CompiledAt">When it was compiled.</param>
/// <param name="ContentSha256">SHA-256 of the digest JSON.</param>
/// <param name="PoisonWaiting">Messages waiting in the poison queue when it was compiled.</param>
internal sealed record DigestCompileRecord(DateOnly Day, DateTimeOffset CompiledAt, string ContentSha256, int PoisonWaiting);
