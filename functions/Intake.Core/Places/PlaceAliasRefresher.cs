using Microsoft.Extensions.Hosting;

namespace Intake.Core.Places;

/// <summary>
/// Keeps <see cref="CachedPlaceAliases"/> current in both hosts: reads the alias table at start and then
/// every <see cref="Interval"/>, so an alias added on another instance applies within that time. A failed
/// read keeps the aliases it had and tries again at the next tick.
/// </summary>
internal sealed partial class PlaceAliasRefresher(CachedPlaceAliases aliases, TimeProvider time, ILogger<PlaceAliasRefresher> logger)
    : BackgroundService
{
    /// <summary>How often the aliases are read again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                if (await aliases.RefreshAsync(stoppingToken).ConfigureAwait(false))
                {
                    LogRefreshed(aliases.Current.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage may still be starting (the provisioner creates the table): the next tick retries.
                LogFailed(e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 780, Level = LogLevel.Information, Message = "Place aliases loaded: {Count}")]
    private partial void LogRefreshed(int count);

    [LoggerMessage(EventId = 781, Level = LogLevel.Warning, Message = "Reading place aliases failed ({ErrorKind}); keeping the ones loaded")]
    private partial void LogFailed(string errorKind);
}
