using System.Security.Cryptography;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>A report a <see cref="SubmissionStream"/> client sent: its id, what decides its outcome, and its exact bytes.</summary>
public sealed record SentReport(string Id, string Category, int Severity, byte[] Body)
{
    /// <summary>The SHA-256 of the bytes sent, as intake records it.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Body));

    /// <summary>What each unsuccessful send got, for failure messages.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> History { get; } = new();
}
