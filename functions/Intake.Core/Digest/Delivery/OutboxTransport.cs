namespace Intake.Core.Digest.Delivery;

/// <summary>
/// Writes each digest e-mail as an <c>.eml</c> file (which any mail client opens) to
/// <see cref="DigestOptions.OutboxPath"/>: the local default while no SMTP relay is configured.
/// </summary>
internal sealed class OutboxTransport(IOptions<DigestOptions> options) : IDigestTransport
{
    /// <inheritdoc />
    public string Name => "outbox";

    /// <summary>The folder, made absolute.</summary>
    public string Folder => Path.GetFullPath(options.Value.OutboxPath);

    /// <inheritdoc />
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var name = message.Headers["X-Intake-Digest-File"] is { Length: > 0 } file ? file : Guid.NewGuid().ToString("N");
        var path = Path.Combine(Folder, name + ".eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        // Renamed into place so a reader never sees half a message.
        File.Move(temporary, path, overwrite: true);
    }
}
