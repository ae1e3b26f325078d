using System.Security.Cryptography;
using Intake.Core.OpenRosa.Encryption;

namespace Intake.Core.Tests.OpenRosa.Encryption;

/// <summary>RSA-2048 keys made once per test run (generation is slow), as PEM like <c>intake keys create</c> writes.</summary>
internal static class TestKeys
{
    private static readonly Lazy<string> FirstPem = new(NewPem);
    private static readonly Lazy<string> SecondPem = new(NewPem);

    /// <summary>A private key in PKCS#8 PEM.</summary>
    public static string First => FirstPem.Value;

    /// <summary>Another private key.</summary>
    public static string Second => SecondPem.Value;

    /// <summary>The public key (SubjectPublicKeyInfo) of a PEM private key.</summary>
    public static byte[] PublicOf(string pem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>A ring of the given PEM keys, the first current.</summary>
    public static EncryptionKeyRing Ring(params string[] pems) => EncryptionKeyRing.FromPrivatePem(string.Join('\n', pems));

    private static string NewPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
