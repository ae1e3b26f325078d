using Intake.Core.Access;

namespace Intake.Core.Tests.Access;

/// <summary>What the worker's telemetry scrubber removes from text (in the worker: <c>WorkerTelemetryTests</c>).</summary>
public sealed class RedactionTests
{
    private const string Token = "isub.0123456789abcdef.Zm9vYmFyYmF6cXV4LWFuZF9tb3Jl";

    [Theory]
    [InlineData("POST /api/key/" + Token + "/openrosa/submission", "POST /api/key/REDACTED/openrosa/submission")]
    [InlineData("https://h/api/key/isub.0123456789abcdef.x%2Fy/openrosa/formList?x=1", "https://h/api/key/REDACTED/openrosa/formList?x=1")]
    [InlineData("/api/KEY/anything-at-all", "/api/KEY/REDACTED/")]
    [InlineData("token " + Token + " refused", "token REDACTED refused")]
    [InlineData("escaped isub%2E0123456789abcdef%2Esecret", "escaped REDACTED")]
    [InlineData("from 203.0.113.57 via 10.1.2.3:443", "from 0.0.0.0 via 0.0.0.0:443")]
    [InlineData("from 2001:db8:85a3::8a2e:370:7334 and ::1", "from 0.0.0.0 and 0.0.0.0")]
    public void Redact_CredentialsAndAddresses_AreReplaced(string text, string expected) =>
        Assert.Equal(expected, Redaction.Redact(text));

    [Theory]
    [InlineData("OpenRosa submission 5b0c6a54-2f6e-4b3e-9c35-0e8f4e8e2a11: new True")]
    [InlineData("at 2026-12-01T18:30:59Z, 12.5 s, route key/{token}/openrosa/submission")]
    [InlineData("/api/key/REDACTED/openrosa/submission")]
    public void Redact_TextWithoutCredentialsOrAddresses_IsUnchanged(string text)
    {
        Assert.Equal(text, Redaction.Redact(text));
        Assert.False(Redaction.HasSomethingToRedact(text));
    }
}
