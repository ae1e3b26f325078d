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

        // A declared length gets exactly that much room and one byte more (to catch a longer body):
        // one allocation of the body's size. Each read asks only for free space, so the writer grows
        // by doubling when full, not by making room for a fixed chunk on every read (which tripled
        // the memory each report cost at intake).
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length ? (int)length + 1 : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(1);
            var room = limit + 1 - buffer.WrittenCount;
            var read = await request.Body.ReadAsync(memory.Length > room ? memory[..room] : memory, cancellationToken).ConfigureAwait(false);
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
