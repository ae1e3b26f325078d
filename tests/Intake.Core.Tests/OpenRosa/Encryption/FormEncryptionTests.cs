using System.Text;
using System.Xml.Linq;
using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;
using Microsoft.Extensions.Options;

namespace Intake.Core.Tests.OpenRosa.Encryption;

/// <summary>The served form carries the public key and a version per key; options are checked at start-up.</summary>
public sealed class FormEncryptionTests
{
    private static readonly XNamespace XForms = "http://www.w3.org/2002/xforms";

    private static FormEncryption Managed(string pem) =>
        new(Options.Create(new EncryptionOptions { Mode = EncryptionMode.Managed, PrivateKeyPem = pem }));

    private static BlankForm Served(FormEncryption encryption) =>
        encryption.Apply(FormCatalog.LoadEmbedded()).Find(FormCatalog.IncidentReportFormId)!;

    [Fact]
    public void Apply_Managed_FormCarriesThePublicKeyAndAVersionNamingTheKey()
    {
        using var encryption = Managed(TestKeys.First);
        var plain = FormCatalog.LoadEmbedded().Find(FormCatalog.IncidentReportFormId)!;

        var served = Served(encryption);

        var model = XDocument.Parse(Encoding.UTF8.GetString(served.Xml.Span)).Descendants(XForms + "model").Single();
        var key = (string?)model.Element(XForms + "submission")?.Attribute("base64RsaPublicKey");
        Assert.Equal(Convert.ToBase64String(TestKeys.PublicOf(TestKeys.First)), key);
        Assert.Equal($"{plain.Version}~{encryption.KeyId}", served.Version);
        Assert.NotEqual(plain.Hash, served.Hash);
    }

    [Fact]
    public void Apply_AfterRotation_ANewFormVersionWithTheNewKey()
    {
        using var before = Managed(TestKeys.First);
        using var after = Managed(TestKeys.Second + "\n" + TestKeys.First);

        Assert.NotEqual(Served(before).Version, Served(after).Version);
        Assert.Contains(Convert.ToBase64String(TestKeys.PublicOf(TestKeys.Second)), Encoding.UTF8.GetString(Served(after).Xml.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Offline_FormCarriesThePublicKeyAndNothingDecrypts()
    {
        using var encryption = new FormEncryption(Options.Create(new EncryptionOptions { Mode = EncryptionMode.Offline, PublicKey = Convert.ToBase64String(TestKeys.PublicOf(TestKeys.First)) }));

        Assert.Null(encryption.Decryptor);
        Assert.Contains("base64RsaPublicKey", Encoding.UTF8.GetString(Served(encryption).Xml.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Off_TheFormAsInTheRepository()
    {
        using var encryption = new FormEncryption(Options.Create(new EncryptionOptions()));

        Assert.Equal(FormCatalog.LoadEmbedded().Find(FormCatalog.IncidentReportFormId)!.Hash, Served(encryption).Hash);
    }

    [Theory]
    [InlineData(EncryptionMode.Managed, null, null, "Set exactly one of PrivateKeyPem")]
    [InlineData(EncryptionMode.Managed, "@Microsoft.KeyVault(SecretUri=https://kv.example/secrets/form-key)", null, "Key Vault Secrets User")]
    [InlineData(EncryptionMode.Managed, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", null, "no '-----BEGIN PRIVATE KEY-----'")]
    [InlineData(EncryptionMode.Offline, null, null, "Set exactly one of PublicKey")]
    [InlineData(EncryptionMode.Offline, null, "not a key", "not an RSA public key")]
    public void Validate_MissingOrBadKey_FailsNamingTheSetting(EncryptionMode mode, string? privateKey, string? publicKey, string expected)
    {
        var result = new EncryptionOptionsValidator().Validate(null, new EncryptionOptions { Mode = mode, PrivateKeyPem = privateKey, PublicKey = publicKey });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OfflineWithAPrivateKey_Fails()
    {
        var result = new EncryptionOptionsValidator().Validate(null, new EncryptionOptions { Mode = EncryptionMode.Offline, PrivateKeyPem = TestKeys.First, PublicKey = "x" });

        Assert.Contains("Offline mode holds no private key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManagedWithAPemFile_Succeeds()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, TestKeys.First);
        try
        {
            Assert.True(new EncryptionOptionsValidator().Validate(null, new EncryptionOptions { Mode = EncryptionMode.Managed, PrivateKeyFile = path }).Succeeded);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
