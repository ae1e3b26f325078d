namespace Intake.Core.Configuration;

/// <summary>
/// Names of the containers, tables and queues. Fixed, not settings: both hosts, the Bicep
/// templates and the admin tools must agree on them.
/// </summary>
public static class StorageNames
{
    /// <summary>Raw submissions, byte for byte as received; blob name is the report id.</summary>
    public const string RawSubmissions = "raw-submissions";

    /// <summary>Daily summaries and digests, under <c>yyyy/MM/dd/</c>.</summary>
    public const string Digests = "digests";

    /// <summary>The report index, partitioned by the UTC day of receipt (<c>yyyyMMdd</c>).</summary>
    public const string ReportsTable = "reports";

    /// <summary>Per-day aggregates the digest compiles from, partitioned by the UTC day of receipt.</summary>
    public const string DigestTallyTable = "digesttally";

    /// <summary>Digest subscribers.</summary>
    public const string SubscribersTable = "subscribers";

    /// <summary>One row per (day, subscriber) a digest was sent to: the at-most-once ledger.</summary>
    public const string DeliveriesTable = "digestdeliveries";
    /// <summary>Access tokens (submitter and admin), stored only as salted hashes.</summary>
    public const string AccessTokensTable = "accesstokens";

    /// <summary>Attachment bytes stored per token per UTC day (partition <c>yyyyMMdd</c>, row the token id): the daily quota.</summary>
    public const string TokenUsageTable = "tokenusage";

    /// <summary>The append-only audit log of admin actions, partitioned by UTC day.</summary>
    public const string AuditTable = "audit";

    /// <summary>Admin-owned aliases of subdivision names, partitioned by country, row key the name's comparison key.</summary>
    public const string PlaceAliasesTable = "placealiases";

    /// <summary>Reports received per campaign and UTC day (the daily quota): partition the campaign id, row <c>yyyyMMdd</c>.</summary>
    public const string CampaignQuotaTable = "campaignquota";

    /// <summary>Flash-alert webhooks (with their signing secrets).</summary>
    public const string FlashWebhooksTable = "flashwebhooks";

    /// <summary>Flash-alert deliveries, one row per (flash, receiver), partition = delivery id.</summary>
    public const string FlashDeliveriesTable = "flashdeliveries";

    /// <summary>The last flash per (area, rule): the window that stops repeats.</summary>
    public const string FlashWindowTable = "flashwindow";

    /// <summary>Flash deliveries waiting for an attempt; a retry is a message made visible after its backoff.</summary>
    public const string FlashQueue = "flash-deliveries";

    /// <summary>Where the queue runtime moves a flash message whose handler failed (storage) <see cref="MaxDequeueCount"/> times.</summary>
    public const string FlashPoisonQueue = FlashQueue + "-poison";

    /// <summary>Report ids waiting to be processed.</summary>
    public const string ProcessingQueue = "reports";

    /// <summary>Where the queue runtime moves a message after <see cref="MaxDequeueCount"/> failures.</summary>
    public const string PoisonQueue = ProcessingQueue + "-poison";

    /// <summary>Deliveries before a message is poison; the same in host.json and the self-host.</summary>
    public const int MaxDequeueCount = 5;
}
