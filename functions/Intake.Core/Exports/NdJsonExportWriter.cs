using System.Buffers;

namespace Intake.Core.Exports;

/// <summary>Newline-delimited JSON: one object per report per line, written out in blocks of about 32 KB.</summary>
internal sealed class NdJsonExportWriter : IExportWriter
{
    private const int FlushAt = 32 * 1024;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Stream _output;
    private readonly IReadOnlyList<ExportColumns.Column> _columns;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
    private readonly Utf8JsonWriter _json;

    public NdJsonExportWriter(Stream output, bool includePersonal)
    {
        _output = output;
        _columns = ExportColumns.For(includePersonal);
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    public async ValueTask WriteAsync(ExportedReport report, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        JsonExportFields.Write(_json, report, _columns);
        _json.WriteEndObject();
        _json.Flush();
        // One JSON text per line: the writer is reset so the next object is a new top-level value.
        _json.Reset();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushAt)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }
}
