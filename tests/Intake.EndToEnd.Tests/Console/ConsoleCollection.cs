namespace Intake.EndToEnd.Tests.Console;

/// <summary>
/// The console's browser tests: one host and one browser, one test at a time, beside the other
/// collections (the host and its Azurite are the collection's own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "console";
}
