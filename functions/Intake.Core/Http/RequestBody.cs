using System.Buffers;

namespace Intake.Core.Http;

/// <summary>Reads a request body with a hard size limit, without buffering more than the limit.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length ? (int)length + 1 : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(Math.Min(16 * 1024, limit + 1 - buffer.WrittenCount + 1));
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
