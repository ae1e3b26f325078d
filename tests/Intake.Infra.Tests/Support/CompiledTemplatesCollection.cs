namespace Intake.Infra.Tests.Support;

/// <summary>The tests that read the compiled templates; they share one compilation.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplatesCollection : ICollectionFixture<CompiledTemplates>
{
    public const string Name = "Compiled templates";
}
