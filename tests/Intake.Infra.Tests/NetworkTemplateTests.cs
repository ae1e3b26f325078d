using System.Text.Json.Nodes;
using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>
/// Network rules in the compiled main.bicep: storage and the Key Vault deny every network but the
/// Function App's subnet (and trusted services, and listed addresses) unless openNetworkForDev opens
/// them; the app reaches them through that subnet.
/// </summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class NetworkTemplateTests(CompiledTemplates compiled)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string KeyVault = "Microsoft.KeyVault/vaults";
    private const string VirtualNetwork = "Microsoft.Network/virtualNetworks";

    /// <summary>What the network module outputs as the app's subnet, as a module argument reads it.</summary>
    private const string AppSubnetOutput = "[reference('network').outputs.appSubnetId.value]";

    private ArmResource Resource(string type) => Assert.Single(compiled.Main.Declared(type));

    private JsonObject Parameters(string environment) => environment == "prod" ? compiled.ProdParameters : compiled.DevParameters;

    [Theory]
    [InlineData(StorageAccount, "prod", "Deny")]
    [InlineData(StorageAccount, "dev", "Allow")]
    [InlineData(KeyVault, "prod", "Deny")]
    [InlineData(KeyVault, "dev", "Allow")]
    public void NetworkAcls_DefaultAction_DenyUnlessOpenNetworkForDev(string type, string environment, string expected)
    {
        // Act
        var action = compiled.Main.Choice(Resource(type), "networkAcls.defaultAction", Parameters(environment));

        // Assert
        Assert.Equal(expected, action);
    }

    [Fact]
    public void OpenNetworkForDev_Default_IsFalse()
    {
        // Act
        var parameter = compiled.Main.Root["parameters"]?["openNetworkForDev"];

        // Assert
        Assert.Equal("bool", parameter?["type"]?.GetValue<string>());
        Assert.False(parameter?["defaultValue"]?.GetValue<bool>());
        Assert.Null(CompiledTemplates.ParameterValue(compiled.ProdParameters, "openNetworkForDev"));
    }

    [Theory]
    [InlineData(StorageAccount)]
    [InlineData(KeyVault)]
    public void NetworkAcls_VirtualNetworkRules_AllowTheAppSubnet(string type)
    {
        // Arrange
        var resource = Resource(type);

        // Act
        var rules = (resource.Property("networkAcls.virtualNetworkRules") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var subnetArgument = compiled.Main.ModuleArgument(resource.Template, "appSubnetId")?.GetValue<string>();

        // Assert
        var rule = Assert.Single(rules);
        Assert.Equal("[parameters('appSubnetId')]", rule["id"]?.GetValue<string>());
        Assert.Equal(AppSubnetOutput, subnetArgument);
        Assert.Equal("AzureServices", resource.Property("networkAcls.bypass")?.GetValue<string>());
    }

    [Theory]
    [InlineData(StorageAccount)]
    [InlineData(KeyVault)]
    public void NetworkAcls_IpRules_OnePerAllowedIpRange(string type)
    {
        // Arrange
        var resource = Resource(type);

        // Act
        var copy = (resource.Property("networkAcls.copy") as JsonArray ?? []).OfType<JsonObject>()
            .SingleOrDefault(loop => loop["name"]?.GetValue<string>() == "ipRules");
        var argument = compiled.Main.ModuleArgument(resource.Template, "allowedIpRanges")?.GetValue<string>();

        // Assert
        Assert.NotNull(copy);
        Assert.Equal("[length(parameters('allowedIpRanges'))]", copy["count"]?.GetValue<string>());
        Assert.Equal("[parameters('allowedIpRanges')]", argument);
        Assert.Equal("[]", compiled.Main.Root["parameters"]?["allowedIpRanges"]?["defaultValue"]?.ToJsonString());
    }

    [Fact]
    public void FunctionApp_VirtualNetworkSubnetId_IsTheAppSubnet()
    {
        // Arrange
        var app = compiled.Main.FunctionApp();

        // Act
        var subnet = app.Property("virtualNetworkSubnetId")?.GetValue<string>();

        // Assert
        Assert.Equal("[parameters('appSubnetId')]", subnet);
        Assert.Equal(AppSubnetOutput, compiled.Main.ModuleArgument(app.Template, "appSubnetId")?.GetValue<string>());
    }

    [Fact]
    public void AppSubnet_Delegation_FlexConsumptionWithStorageAndKeyVaultEndpoints()
    {
        // Arrange
        var vnet = Resource(VirtualNetwork);
        var output = vnet.Template["outputs"]?["appSubnetId"]?["value"]?.GetValue<string>() ?? "";

        // Act: the subnet the output names, among the network's subnets.
        var subnet = (vnet.Property("subnets") as JsonArray ?? []).OfType<JsonObject>()
            .Single(candidate => output.Contains(candidate["name"]!.GetValue<string>().Trim('[', ']'), StringComparison.Ordinal));

        // Assert
        Assert.StartsWith("[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('name'), ", output, StringComparison.Ordinal);
        var delegation = Assert.Single(subnet["properties"]?["delegations"] as JsonArray ?? []);
        Assert.Equal("Microsoft.App/environments", delegation?["properties"]?["serviceName"]?.GetValue<string>());
        var endpoints = ArmTemplate.Strings(subnet["properties"]?["serviceEndpoints"]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "Microsoft.Storage", "Microsoft.KeyVault" }, endpoints);
    }
}
