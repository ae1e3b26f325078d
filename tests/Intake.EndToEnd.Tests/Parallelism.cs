using Intake.EndToEnd.Tests;
using Xunit.Sdk;
using Xunit.v3;

// Two test collections at a time, longest first, the console's among them. Three at a time was a
// minute faster but loaded the 2-core machine so much that the crash tests' late duplicate
// deliveries overlapped a processing still in flight (a processed report's ProcessedAt rewritten
// 240 ms later; see the closing note of 2026-12-02), and the web form's sends outlived a clear.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
[assembly: TestCollectionOrderer(typeof(LongestCollectionsFirst))]

namespace Intake.EndToEnd.Tests;

/// <summary>
/// Starts the collections that take longest first, so that the short ones fill in beside them at
/// the end instead of a long one starting last and running alone (xunit's default order is random
/// on every run). The list is from measured runs; a collection not in it runs after these.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    // Longest first: the crash tests (two host processes killed and restarted over on-disk Azurite),
    // the two shared-host collections, then the hosts of their own.
    private static readonly string[] Longest =
    [
        "HostCrashTests", "console", "end-to-end", "OutageTests", "FlashAlertTests", "EdgeLimitTests",
        "StorageBlackHoleTests", "StartupSettingsTests", "EncryptedOpenRosaTests", "TransientFaultTests",
    ];

    /// <inheritdoc />
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        [.. testCollections.OrderBy(c => Rank(c)).ThenBy(c => c.TestCollectionDisplayName, StringComparer.Ordinal)];

    // A class's own collection is named "Test collection for <class's full name> (id: <hash>)".
    private static int Rank(ITestCollection collection)
    {
        var name = collection.TestCollectionDisplayName;
        if (name.IndexOf(" (id: ", StringComparison.Ordinal) is var id and >= 0)
        {
            name = name[..id];
        }

        var index = Array.FindIndex(Longest, n => name == n || name.EndsWith("." + n, StringComparison.Ordinal));
        return index < 0 ? Longest.Length : index;
    }
}
