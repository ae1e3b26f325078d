using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>
/// Field clients sending reports back to back, as phones do when they come back online. Each
/// client keeps resending its current report (the same bytes) until it gets a 2xx answer, as
/// OpenRosa and ODK clients do, then moves on to a new one; or, started with <c>resend: false</c>,
/// gives it up at once (<see cref="Abandoned"/>), to show what a single cut request left behind.
/// Every answer is recorded.
/// </summary>
public sealed class SubmissionStream : IDisposable
{
    private static readonly string[] Categories =
        ["killing", "abduction-disappearance", "attack-on-civilians", "forced-displacement", "destruction-of-property", "hate-speech-incitement"];

    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stopNew = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly ConcurrentDictionary<string, SentReport> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SentReport> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SentReport> _abandoned = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StreamAnswer> _answers = new();
    private readonly Task[] _workers;
    private readonly bool _resend;
    private int _sequence;

    private SubmissionStream(HttpClient client, int clients, bool resend)
    {
        _client = client;
        _resend = resend;
        _workers = Enumerable.Range(0, clients).Select(_ => Task.Run(RunClientAsync)).ToArray();
    }

    /// <summary>Reports that got a 2xx answer, by id.</summary>
    public IReadOnlyDictionary<string, SentReport> Acknowledged => _acknowledged;

    /// <summary>Reports still waiting for a 2xx answer.</summary>
    public IReadOnlyDictionary<string, SentReport> Pending => _pending;

    /// <summary>Reports sent once without a 2xx answer and not sent again (only with <c>resend: false</c>).</summary>
    public IReadOnlyDictionary<string, SentReport> Abandoned => _abandoned;

    /// <summary>Every answer (or transport failure) so far.</summary>
    public IReadOnlyCollection<StreamAnswer> Answers => _answers;

    /// <summary>Starts <paramref name="clients"/> concurrent clients, each resending its report until acknowledged, or not (<paramref name="resend"/>).</summary>
    public static SubmissionStream Start(HttpClient client, int clients, bool resend = true) => new(client, clients, resend);

    /// <summary>Waits until at least <paramref name="count"/> reports are acknowledged.</summary>
    public Task WaitForAcknowledgedAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => _acknowledged.Count >= count, $"{count} acknowledged reports", timeout, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds over the answers so far.</summary>
    public Task WaitForAnswersAsync(Func<IReadOnlyCollection<StreamAnswer>, bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => condition(_answers), what, timeout, cancellationToken);

    /// <summary>Stops starting new reports; each client keeps resending its current one for up to <paramref name="finishWithin"/>.</summary>
    public async Task StopAsync(TimeSpan finishWithin)
    {
        await _stopNew.CancelAsync();
        _abandon.CancelAfter(finishWithin);
        await Task.WhenAll(_workers);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopNew.Dispose();
        _abandon.Dispose();
    }

    private async Task RunClientAsync()
    {
        while (!_stopNew.IsCancellationRequested)
        {
            var number = Interlocked.Increment(ref _sequence);
            var category = Categories[number % Categories.Length];
            var report = ReportClient.NewReport(category);
            report["severity"] = 1 + (number % 5);
            var sent = new SentReport((string)report["submissionId"]!, category, 1 + (number % 5), Encoding.UTF8.GetBytes(report.ToJsonString()));
            _pending[sent.Id] = sent;
            while (!_abandon.IsCancellationRequested)
            {
                if (await SendAsync(sent))
                {
                    _pending.TryRemove(sent.Id, out _);
                    _acknowledged[sent.Id] = sent;
                    break;
                }

                if (!_resend)
                {
                    _pending.TryRemove(sent.Id, out _);
                    _abandoned[sent.Id] = sent;
                    await Task.Delay(200);
                    break;
                }

                // A real client waits for Retry-After; a short pause keeps the test short.
                await Task.Delay(200);
            }
        }
    }

    private async Task<bool> SendAsync(SentReport sent)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.PostRawAsync(sent.Body, "application/json", CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync();
            _answers.Enqueue(new StreamAnswer(DateTimeOffset.UtcNow, (int)response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null, null));
            if (response.IsSuccessStatusCode)
            {
                // The acknowledgement must name the report that was sent.
                return body.Contains(sent.Id, StringComparison.Ordinal) ? true : throw new InvalidOperationException($"The answer names another report: {body}");
            }

            sent.History.Enqueue($"{(int)response.StatusCode}: {body}");
            return response.StatusCode != HttpStatusCode.Conflict ? false : throw new InvalidOperationException($"A resend of the same bytes was refused: {string.Join(" | ", sent.History)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _answers.Enqueue(new StreamAnswer(DateTimeOffset.UtcNow, null, clock.Elapsed, false, e.GetType().Name));
            sent.History.Enqueue(e.GetType().Name);
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout} for {what}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
