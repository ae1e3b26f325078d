using System.Security.Cryptography;
using Intake.Core.OpenRosa.Encryption;

namespace Intake.Cli;

/// <summary>
/// <c>keys create|show|rotate</c>: the form encryption keys, made and read on the operator's
/// machine. No server is called. A private key is only ever written to a file the operator names
/// (readable by its owner alone); it is never printed.
/// </summary>
internal static class KeyCommands
{
    public static Command Create(CliContext cli)
    {
        var bits = new Option<int>("--bits") { Description = "RSA modulus size: 2048 (default, what ODK Central uses), 3072 or 4096.", DefaultValueFactory = _ => 2048 };
        bits.AcceptOnlyFromAmong("2048", "3072", "4096");
        var output = new Option<FileInfo>("--out", "-o") { Description = "The file to write the private key to (PEM). It must not exist.", Required = true };
        var create = new Command("create", "Make a new key pair: the private key goes to --out, the public key and key id are shown.") { bits, output };
        create.SetAction(parse =>
        {
            var target = parse.GetRequiredValue(output);
            using var rsa = RSA.Create(parse.GetValue(bits));
            WritePrivate(target, rsa.ExportPkcs8PrivateKeyPem() + "\n");
            Describe(cli, target, EncryptionKeyRing.FromPrivatePem(File.ReadAllText(target.FullName)));
        });

        var key = new Option<FileInfo>("--key", "-k") { Description = "A private key ring (PEM) or a public key (PEM or base64).", Required = true };
        var show = new Command("show", "Show the key ids and the current public key of a key file.") { key };
        show.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(key);
            var text = Read(file);
            using var ring = text.Contains("PRIVATE KEY", StringComparison.Ordinal) ? EncryptionKeyRing.FromPrivatePem(text) : EncryptionKeyRing.FromPublicKey(text);
            Describe(cli, file, ring);
        });

        var current = new Option<FileInfo>("--key", "-k") { Description = "The current private key ring (PEM).", Required = true };
        var rotated = new Option<FileInfo>("--out", "-o") { Description = "The file to write the new ring to: the new key first, then every key of --key. It must not exist.", Required = true };
        var rotate = new Command("rotate", "Make a new current key and keep the old ones, so reports sent with them still decrypt.") { current, rotated, bits };
        rotate.SetAction(parse =>
        {
            var old = Read(parse.GetRequiredValue(current));
            using (EncryptionKeyRing.FromPrivatePem(old))
            {
                // Only a ring that reads is carried over.
            }

            using var rsa = RSA.Create(parse.GetValue(bits));
            var target = parse.GetRequiredValue(rotated);
            WritePrivate(target, rsa.ExportPkcs8PrivateKeyPem() + "\n" + old.Trim() + "\n");
            using var ring = EncryptionKeyRing.FromPrivatePem(File.ReadAllText(target.FullName));
            Describe(cli, target, ring);
            cli.Console.MarkupLine("[yellow]Deploy the new ring (Key Vault secret or PrivateKeyFile) and restart: the form gets a new version and phones fetch it. Keep every old key while reports sent with it may arrive or be reprocessed.[/]");
        });

        return new Command("keys", "Form encryption keys (ODK base64RsaPublicKey): create, show, rotate.") { create, show, rotate };
    }

    private static string Read(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException($"{file.FullName} does not exist.", 2);
        }

        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file.FullName} cannot be read: {e.Message}", 2);
        }
    }

    private static void WritePrivate(FileInfo target, string pem)
    {
        if (target.Exists)
        {
            throw new CliException($"{target.FullName} exists; a private key is never overwritten. Name a new file.", 2);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(target.FullName, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }

    private static void Describe(CliContext cli, FileInfo file, EncryptionKeyRing ring)
    {
        cli.Console.MarkupLine($"[bold]{Markup.Escape(file.FullName)}[/]: current key id [bold]{ring.KeyId}[/] ({ring.BlockBytes * 8}-bit RSA).");
        if (ring.CanDecrypt)
        {
            cli.Console.MarkupLine($"Private keys, current first: {string.Join(", ", ring.PrivateKeyIds)}.");
        }

        cli.Console.MarkupLine("Public key (base64RsaPublicKey; Intake__Encryption__PublicKey in offline mode):");
        cli.Console.WriteLine(Convert.ToBase64String(ring.PublicKey.Span));
    }
}
