namespace Intake.EndToEnd.Tests.Support;

/// <summary>End-to-end tests share one host and run one at a time, so storage counts are theirs alone.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<SelfHostFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "end-to-end";
}
