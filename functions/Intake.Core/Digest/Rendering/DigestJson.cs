namespace Intake.Core.Digest.Rendering;

/// <summary>The stable JSON form of a digest (docs/DIGEST.md): camelCase, indented, sorted maps.</summary>
internal static class DigestJson
{
    /// <summary>The serializer options of digest JSON and its compile record.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable names of places; the JSON is served as application/json, never inlined in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises a digest; the same digest always gives the same bytes.</summary>
    public static byte[] Serialize(SituationDigest digest) => JsonSerializer.SerializeToUtf8Bytes(digest, Options);

    /// <summary>Reads a stored digest.</summary>
    /// <exception cref="JsonException">The bytes are not a digest.</exception>
    public static SituationDigest Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<SituationDigest>(json, Options) ?? throw new JsonException("The digest is empty.");
}
