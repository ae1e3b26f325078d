using Azure.Core;
using Azure.Core.Pipeline;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>
/// A storage transport (the layer below the SDK's retry policy, where requests meet the network)
/// that fails a fraction of requests the way a flaky network or a busy account does: half with a
/// <c>503 Server Busy</c> answer, half with a network timeout, before they reach storage. A
/// chosen request fails on its first <see cref="FailuresPerRequest"/> attempts and then goes
/// through, so the test sees whether the retry layer absorbs the faults. It counts what it
/// injected, so the test can show the faults happened.
/// </summary>
public sealed class StorageFaultInjector(double fraction, int seed, int failuresPerRequest = 1) : HttpPipelineTransport
{
    private const string AttemptsKey = "intake-fault-attempts";
    private readonly HttpClientTransport _network = HttpClientTransport.Shared;
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _requests;
    private int _unavailable;
    private int _timeouts;
    private int _queueTrigger;

    /// <summary>Off until a test switches it on, so that start-up is not part of the experiment.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many attempts of a chosen request fail.</summary>
    public int FailuresPerRequest { get; } = failuresPerRequest;

    /// <summary>Requests seen while enabled, retries included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Injected <c>503</c> answers.</summary>
    public int InjectedUnavailable => Volatile.Read(ref _unavailable);

    /// <summary>Injected network timeouts.</summary>
    public int InjectedTimeouts => Volatile.Read(ref _timeouts);

    /// <summary>
    /// Faults injected into the queue trigger's own calls: receiving or deleting messages of the
    /// processing queue (intake only ever sends to it, so these are the WebJobs listener's).
    /// </summary>
    public int InjectedIntoQueueTrigger => Volatile.Read(ref _queueTrigger);

    /// <inheritdoc />
    public override Request CreateRequest() => _network.CreateRequest();

    /// <inheritdoc />
    public override void Process(HttpMessage message)
    {
        if (!Inject(message))
        {
            _network.Process(message);
        }
    }

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        if (!Inject(message))
        {
            await _network.ProcessAsync(message);
        }
    }

    /// <summary>True when this attempt was failed here (an answer set, or an exception thrown).</summary>
    private bool Inject(HttpMessage message)
    {
        if (!Enabled)
        {
            return false;
        }

        Interlocked.Increment(ref _requests);
        // The retry policy sends the same HttpMessage again, so the decision travels with it.
        int failed;
        if (message.TryGetProperty(AttemptsKey, out var state))
        {
            failed = (int)state!;
        }
        else
        {
            lock (_gate)
            {
                failed = _random.NextDouble() < fraction ? 0 : int.MaxValue;
            }
        }

        if (failed >= FailuresPerRequest)
        {
            message.SetProperty(AttemptsKey, int.MaxValue);
            return false;
        }

        message.SetProperty(AttemptsKey, failed + 1);
        if (IsQueueTriggerCall(message.Request))
        {
            Interlocked.Increment(ref _queueTrigger);
        }

        bool timeout;
        lock (_gate)
        {
            timeout = _random.Next(2) == 0;
        }

        if (timeout)
        {
            Interlocked.Increment(ref _timeouts);
            // What the SDK's own network timeout raises: a cancellation the caller did not ask for.
            throw new TaskCanceledException("Injected network timeout.", new TimeoutException("Injected network timeout."));
        }

        Interlocked.Increment(ref _unavailable);
        message.Response = new InjectedResponse(503, "Server Busy", message.Request.ClientRequestId);
        return true;
    }

    private static bool IsQueueTriggerCall(Request request) =>
        request.Method != RequestMethod.Post
        && request.Uri.Path.Contains($"/{Intake.Core.Configuration.StorageNames.ProcessingQueue}/messages", StringComparison.Ordinal);
}
