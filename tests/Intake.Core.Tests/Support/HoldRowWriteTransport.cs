using Azure.Core;
using Azure.Core.Pipeline;
using Intake.Core.Configuration;

namespace Intake.Core.Tests.Support;

/// <summary>
/// A real HTTP transport that holds back the first write of processing outcomes to the report index
/// (a merge of one row, or a transaction of merges) until the test releases it: the moment between a
/// delivery's read of a row and its write, where another delivery of the same report can finish.
/// </summary>
public sealed class HoldRowWriteTransport : HttpClientTransport
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Completes when a row write is being held.</summary>
    public Task Holding => _holding.Task;

    /// <summary>Lets the held write go on to storage.</summary>
    public void Release() => _released.TrySetResult();

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsRowWrite(message.Request) && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _holding.SetResult();
            await _released.Task.WaitAsync(message.CancellationToken);
        }

        await base.ProcessAsync(message);
    }

    private static bool IsRowWrite(Request request)
    {
        var merge = request.Method == RequestMethod.Patch || request.Method.Method == "MERGE";
        if (merge)
        {
            return request.Uri.Path.Contains($"/{StorageNames.ReportsTable}(", StringComparison.Ordinal);
        }

        if (request.Method != RequestMethod.Post || !request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return false;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        return text.Contains($"/{StorageNames.ReportsTable}(", StringComparison.Ordinal)
            && (text.Contains("PATCH ", StringComparison.Ordinal) || text.Contains("MERGE ", StringComparison.Ordinal));
    }
}
