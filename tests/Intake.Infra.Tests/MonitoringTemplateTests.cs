using Intake.Infra.Tests.Support;

namespace Intake.Infra.Tests;

/// <summary>Application Insights in the compiled main.bicep: Entra-only ingestion, no client addresses kept.</summary>
[Collection(CompiledTemplatesCollection.Name)]
public sealed class MonitoringTemplateTests(CompiledTemplates compiled)
{
    private ArmResource Component => Assert.Single(compiled.Main.Declared("Microsoft.Insights/components"));

    [Fact]
    public void ApplicationInsights_Ingestion_EntraOnlyAndIpMaskingOn()
    {
        // Act
        var component = Component;

        // Assert
        Assert.True(component.Property("DisableLocalAuth")?.GetValue<bool>());
        Assert.False(component.Property("DisableIpMasking")?.GetValue<bool>());
    }
}
