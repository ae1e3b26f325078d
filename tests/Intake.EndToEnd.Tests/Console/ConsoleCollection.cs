namespace Intake.EndToEnd.Tests.Console;

/// <summary>The console's browser tests: one host and one browser, one test at a time, after the parallel collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "console";
}
