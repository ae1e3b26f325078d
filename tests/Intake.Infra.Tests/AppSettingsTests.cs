using System.Text.Json.Nodes;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>
/// Every setting in local.settings.sample.json exists in the Function App under the same name,
/// with the same default, and every app setting the template sets is documented in
/// docs/DEPLOYMENT.md.
/// </summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class AppSettingsTests(CompiledTemplates compiled)
{
    /// <summary>Sample settings the template deliberately does not set, and why.</summary>
    private static readonly Dictionary<string, string> NotInTemplate = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] =
            "A connection string locally (Azurite). In Azure it is identity-based: AzureWebJobsStorage__credential, " +
            "__clientId and __blobServiceUri/__queueServiceUri/__tableServiceUri, which StorageAccount.FromConfiguration also reads.",
        ["FUNCTIONS_WORKER_RUNTIME"] =
            "Flex Consumption takes the runtime from functionAppConfig.runtime (dotnet-isolated) and rejects this app setting.",
        ["Digest__AlertRulesPath"] = "Optional: empty means the alert rules built into the app (digest/alert-rules.json).",
        ["Digest__OutboxPath"] = "Optional: only used while no SMTP host is set; in Azure, digests go through Smtp__Host.",
        ["Digest__CatchUpDays"] = "Optional: the code's default (7 days) applies in Azure.",
        ["Smtp__Security"] = "Optional: the code's default (Auto: TLS required, except for a relay on loopback) applies in Azure.",
        ["Smtp__ServerCertificateSha256"] = "Optional: pins the relay's certificate when no public authority signs it; empty trusts the system store.",
        ["Flash__Enabled"] = "Optional: the code's default (flash alerts on) applies in Azure.",
        ["Flash__MinSeverity"] = "Optional: the code's default (severity 5) applies in Azure.",
        ["Flash__MinKilled"] = "Optional: the code's default (10 killed) applies in Azure.",
        ["Flash__Window"] = "Optional: the code's default (one flash per area and rule in 6 hours) applies in Azure.",
        ["Flash__RetryFor"] = "Optional: the code's default (retry a delivery for 24 hours) applies in Azure.",
        ["AzureAd__Instance"] = "Optional Entra ID sign-in for admins; set after deployment together with the app registration.",
        ["AzureAd__TenantId"] = "Optional Entra ID sign-in for admins; set after deployment together with the app registration.",
        ["AzureAd__AllowedTenantIds"] = "Optional: only with AzureAd__TenantId 'organizations' or 'common'; the tenant ids whose tokens are accepted.",
        ["AzureAd__ClientId"] = "Optional Entra ID sign-in for admins; empty means only admin tokens are accepted.",
    };

    /// <summary>main.bicep parameter behind each sample setting whose default the template repeats.</summary>
    private static readonly Dictionary<string, string> ParameterBySetting = new(StringComparer.Ordinal)
    {
        ["DigestSchedule"] = "digestSchedule",
        ["ReconcileSchedule"] = "reconcileSchedule",
        ["FlashSweepSchedule"] = "flashSweepSchedule",
        ["Intake__MaxBodyBytes"] = "intakeMaxBodyBytes",
        ["Intake__ClockSkew"] = "intakeClockSkew",
        ["Intake__HeldCategories"] = "intakeHeldCategories",
        ["Intake__RedriveAfter"] = "intakeRedriveAfter",
        ["Intake__ReconcileLookback"] = "intakeReconcileLookback",
        ["Intake__StorageTimeout"] = "intakeStorageTimeout",
        ["Intake__OpenRosa__MaxRequestBytes"] = "intakeOpenRosaMaxRequestBytes",
        ["Intake__OpenRosa__MaxAttachmentBytes"] = "intakeOpenRosaMaxAttachmentBytes",
        ["Intake__OpenRosa__MaxXmlBytes"] = "intakeOpenRosaMaxXmlBytes",
    };

    private static Dictionary<string, string> SampleSettings()
    {
        var values = JsonNode.Parse(File.ReadAllText(RepositoryLayout.SampleSettings))?["Values"]?.AsObject()
            ?? throw new InvalidDataException("local.settings.sample.json has no Values.");
        return values.ToDictionary(value => value.Key, value => value.Value?.ToString() ?? "", StringComparer.Ordinal);
    }

    [Fact]
    public void SampleSettings_EveryKey_InTemplateOrExplicitlyExempt()
    {
        // Arrange
        var templateSettings = compiled.Main.AppSettings();

        // Act
        var missing = SampleSettings().Keys
            .Where(key => !templateSettings.ContainsKey(key) && !NotInTemplate.ContainsKey(key))
            .ToList();

        // Assert
        Assert.Empty(missing);
    }

    [Fact]
    public void Exemptions_EveryKey_AbsentFromTemplateAndDocumented()
    {
        // Arrange
        var guide = File.ReadAllText(RepositoryLayout.DeploymentGuide);

        // Act
        var templateSettings = compiled.Main.AppSettings();

        // Assert
        Assert.All(NotInTemplate, exemption =>
        {
            Assert.False(templateSettings.ContainsKey(exemption.Key), $"{exemption.Key} is in the template; drop its exemption.");
            Assert.Contains($"`{exemption.Key}`", guide, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Exemptions_AzureWebJobsStorage_ReplacedByIdentityBasedSettings()
    {
        // Act
        var identityBased = compiled.Main.AppSettings().Keys
            .Where(key => key.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal))
            .ToList();

        // Assert
        Assert.Contains("AzureWebJobsStorage__credential", identityBased);
        Assert.Contains("AzureWebJobsStorage__clientId", identityBased);
    }

    [Fact]
    public void MainTemplate_SettingDefaults_MatchSampleValues()
    {
        // Arrange
        var sample = SampleSettings();
        var parameters = compiled.Main.Root["parameters"]!.AsObject();

        // Act
        var defaults = ParameterBySetting.ToDictionary(
            pair => pair.Key,
            pair => parameters[pair.Value]?["defaultValue"]?.ToString(),
            StringComparer.Ordinal);

        // Assert
        Assert.All(defaults, setting =>
        {
            Assert.True(sample.ContainsKey(setting.Key), $"{setting.Key} is no longer in local.settings.sample.json.");
            Assert.Equal(sample[setting.Key], setting.Value);
        });
    }

    [Fact]
    public void DeploymentGuide_EveryTemplateSetting_Documented()
    {
        // Arrange
        var guide = File.ReadAllText(RepositoryLayout.DeploymentGuide);

        // Act
        var undocumented = compiled.Main.AppSettings().Keys
            .Where(name => !guide.Contains($"`{name}`", StringComparison.Ordinal))
            .ToList();

        // Assert
        Assert.Empty(undocumented);
    }
}
