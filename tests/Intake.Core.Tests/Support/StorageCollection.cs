namespace Intake.Core.Tests.Support;

/// <summary>Storage tests share one emulator and run one at a time, each from empty storage.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "storage";
}
