using Intake.Core.Access;

namespace Intake.SelfHost;

/// <summary>
/// On the self-host's first run, issues the local admin token and prints it once to the console
/// (see <see cref="AdminTokenBootstrap"/>). Retries in the background until storage answers.
/// </summary>
public sealed partial class AdminTokenStartup(AdminTokenBootstrap bootstrap, TimeProvider time, ILogger<AdminTokenStartup> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var issued = await bootstrap.EnsureAsync(Console.Out, stoppingToken).ConfigureAwait(false);
                if (issued is not null)
                {
                    // The id only: the secret went to the console, never to the log.
                    LogIssued(issued.Token.Id);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRetry(e, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
            }
        }
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "First run: issued admin token {TokenId}; its secret was printed to the console once")]
    private partial void LogIssued(string tokenId);

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "Could not check for an admin token yet; retrying in {Seconds} s")]
    private partial void LogRetry(Exception exception, double seconds);
}
