using Intake.EndToEnd.Tests;
using Xunit.Sdk;
using Xunit.v3;

// Three test collections at a time, on a 2-core machine: these tests mostly wait (for a host or
// Azurite to start, for a queue to deliver, for a browser to draw), and each collection has its own
// host and Azurite on ports the kernel chooses, so more of them can wait side by side. With the
// default (one per core) the run was two long lanes and then the console's, alone.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
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
