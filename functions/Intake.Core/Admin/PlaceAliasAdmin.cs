using Intake.Core.Places;
using Intake.Core.Storage;

namespace Intake.Core.Admin;

/// <summary>
/// The admin side of places: lists the admin1 names that did not resolve, and adds or removes an alias,
/// applying it at once on this instance and queueing the reports it affects for a forced reprocess, so
/// each moves to its new area exactly once (the tally moves a reprocessed report between cells).
/// Reads only index rows: never the narrative, the reporter or the contact.
/// </summary>
public sealed partial class PlaceAliasAdmin(
    ReportIndex index,
    PlaceAliasStore store,
    CachedPlaceAliases aliases,
    ReportRequeue requeue,
    Gazetteer gazetteer,
    TimeProvider time,
    ILogger<PlaceAliasAdmin> logger)
{
    /// <summary>The days read when <c>from</c> is not given: <c>to</c> and the 29 days before it.</summary>
    public const int DefaultDays = 30;

    /// <summary>The widest window the unresolved list reads (one partition query per day).</summary>
    public const int MaxListDays = 31;

    /// <summary>The widest window searched for reports an alias affects.</summary>
    public const int MaxRequeueDays = RequeueRequest.MaxDays;

    /// <summary>The most reports one alias change queues; the same call again queues the rest.</summary>
    public const int MaxQueued = ReprocessRequest.DefaultMax;

    private static readonly string[] Processed = [ReportStatus.Processed];

    /// <summary>The unresolved admin1 names of the processed reports received in <paramref name="window"/>, most reported first.</summary>
    public async Task<UnresolvedPlacesPage> ListUnresolvedAsync(DayWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        var rows = new List<ReportIndexEntry>();
        foreach (var day in window.NewestFirst())
        {
            await foreach (var row in index.ReadUnresolvedPlacesAsync(day, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }
        }

        return new UnresolvedPlacesPage(window.From, window.To, rows.Count, Group(rows));
    }

    /// <summary>Every alias, by country and name.</summary>
    public async Task<IReadOnlyList<PlaceAliasView>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(View)];

    /// <summary>
    /// Stores the alias, applies it on this instance at once, and queues the processed reports of
    /// <paramref name="window"/> whose stated admin1 compares equal to its name, in its country (or with
    /// no country), and that are not in its subdivision already.
    /// </summary>
    /// <exception cref="ArgumentException">The alias names no subdivision the gazetteer knows, or has no name.</exception>
    public async Task<PlaceAliasChange> AddAsync(PlaceAlias alias, string addedBy, DayWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(window);
        // The API checked this already; other callers meet the same rule (the store does not know the gazetteer).
        if (PlaceAliasValidation.Validate(alias.Name, alias.Code, gazetteer) is [var error, ..])
        {
            throw new ArgumentException($"{error.Field}: {error.Detail}", nameof(alias));
        }

        var stored = await store.AddAsync(alias, addedBy, cancellationToken).ConfigureAwait(false);
        // This instance applies it now; the others within PlaceAliasRefresher.Interval.
        await aliases.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var key = PlaceNameNormalizer.Key(stored.Name);
        var country = stored.Code[..2];
        var change = await RequeueAsync(window, row => Affects(row, country, key) && row.Classification!.Place?.Admin1Code != stored.Code, View(stored), cancellationToken).ConfigureAwait(false);
        LogAdded(stored.Code, change.Queued);
        return change;
    }

    /// <summary>
    /// Removes the alias of <paramref name="country"/> that compares equal to <paramref name="name"/> and queues
    /// the reports of <paramref name="window"/> it had resolved, so they resolve without it.
    /// </summary>
    /// <returns>What was done; null when there is no such alias.</returns>
    public async Task<PlaceAliasChange?> RemoveAsync(string country, string name, DayWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(window);
        country = country.ToUpperInvariant();
        var key = PlaceNameNormalizer.Key(name);
        var existing = (await store.ListAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(a => a.Code.StartsWith(country, StringComparison.Ordinal) && PlaceNameNormalizer.Key(a.Name) == key);
        if (existing is null || !await store.RemoveAsync(country, name, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await aliases.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var change = await RequeueAsync(window, row => Affects(row, country, key) && row.Classification!.Place is { Method: PlaceMatch.Alias } place && place.Admin1Code == existing.Code, View(existing), cancellationToken).ConfigureAwait(false);
        LogRemoved(existing.Code, change.Queued);
        return change;
    }

    /// <summary>
    /// True when a processed row's stated admin1 compares equal to <paramref name="key"/> and its country
    /// (as resolved, else as stated) is <paramref name="country"/> or unknown: the rows an alias can move.
    /// </summary>
    internal static bool Affects(ReportIndexEntry row, string country, string key)
    {
        if (row.Classification is not { Admin1: { } stated } classification)
        {
            return false;
        }

        var rowCountry = classification.Place?.Country ?? classification.Country;
        return (string.IsNullOrEmpty(rowCountry) || rowCountry == country) && PlaceNameNormalizer.Key(stated) == key;
    }

    /// <summary>Groups unresolved rows by country and name key, most reported first.</summary>
    internal static IReadOnlyList<UnresolvedPlace> Group(IEnumerable<ReportIndexEntry> rows) =>
        [.. rows
            .Where(r => r.Classification?.Place is { Method: PlaceMatch.Unresolved, Admin1Name: not null })
            .GroupBy(r => (r.Classification!.Place!.Country, Key: PlaceNameNormalizer.Key(r.Classification.Place.Admin1Name!)))
            .Select(g =>
            {
                var spellings = g.GroupBy(r => r.Classification!.Place!.Admin1Name!, StringComparer.Ordinal)
                    .OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => s.Key)
                    .ToList();
                return new UnresolvedPlace(g.Key.Country, spellings[0], g.Count(), spellings.Skip(1).Take(5).ToList(), g.Max(r => r.ReceivedAt));
            })
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Country ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal)];

    private async Task<PlaceAliasChange> RequeueAsync(DayWindow window, Func<ReportIndexEntry, bool> affected, PlaceAliasView alias, CancellationToken cancellationToken)
    {
        var matched = new List<ReportIndexEntry>();
        var scanned = 0;
        var truncated = false;
        // Newest days first: if the cap is reached, the reports that weigh most in today's alerts moved.
        foreach (var day in window.NewestFirst())
        {
            await foreach (var row in index.ReadDayAsync(day, Processed, cancellationToken).ConfigureAwait(false))
            {
                scanned++;
                if (affected(row))
                {
                    if (matched.Count == MaxQueued)
                    {
                        truncated = true;
                        break;
                    }

                    matched.Add(row);
                }
            }

            if (truncated)
            {
                break;
            }
        }

        // The alias table changed before this time: every instance reads it again before it resolves these.
        var queued = await requeue.QueueAsync(matched, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new PlaceAliasChange(alias, window.From, window.To, scanned, queued, truncated, [.. matched.Select(r => r.ReportId)]);
    }

    private PlaceAliasView View(PlaceAlias alias) => new(alias.Name, alias.Code[..2], alias.Code, gazetteer.NameOf(alias.Code, "en"));

    [LoggerMessage(EventId = 790, Level = LogLevel.Information, Message = "Place alias for {Code} added; {Queued} reports queued to resolve again")]
    private partial void LogAdded(string code, int queued);

    [LoggerMessage(EventId = 791, Level = LogLevel.Information, Message = "Place alias for {Code} removed; {Queued} reports queued to resolve again")]
    private partial void LogRemoved(string code, int queued);
}
