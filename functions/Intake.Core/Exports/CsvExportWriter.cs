using CsvHelper;

namespace Intake.Core.Exports;

/// <summary>
/// RFC 4180 CSV by CsvHelper: a header row, then one row per report; UTF-8, with a byte order mark
/// when asked. Text that a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>
/// at the start) is escaped, because narratives and place names are written by outsiders.
/// </summary>
internal sealed class CsvExportWriter : IExportWriter
{
    private readonly CsvWriter _csv;
    private readonly IReadOnlyList<ExportColumns.Column> _columns;
    private bool _headerWritten;

    public CsvExportWriter(Stream output, bool includePersonal, bool byteOrderMark)
    {
        _csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = byteOrderMark, Injection = CsvInjection.Escape }, leaveOpen: true);
        _columns = ExportColumns.For(includePersonal);
    }

    public async ValueTask WriteAsync(ExportedReport report, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var column in _columns)
        {
            WriteValue(column.Read(report));
        }

        await _csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
    }

    // Numbers, ids and times are written as values, not text, so a negative longitude is never taken for a formula.
    private void WriteValue(object? value)
    {
        switch (value)
        {
            case double d: _csv.WriteField(d, default); break;
            case int i: _csv.WriteField(i, default); break;
            case Guid g: _csv.WriteField(g, "D"); break;
            case DateTimeOffset t: _csv.WriteField(t.ToUniversalTime(), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"); break;
            default: _csv.WriteField(ExportColumns.Text(value)); break;
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        // An empty export still has its header, so a spreadsheet shows the columns.
        await WriteHeaderAsync(cancellationToken).ConfigureAwait(false);
        await _csv.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    private async ValueTask WriteHeaderAsync(CancellationToken cancellationToken)
    {
        if (_headerWritten)
        {
            return;
        }

        foreach (var column in _columns)
        {
            _csv.WriteField(column.Name);
        }

        await _csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        _headerWritten = true;
    }
}
