namespace Intake.Core.Exports;

/// <summary>Writes exported reports to a stream in one format, a row at a time.</summary>
internal interface IExportWriter : IAsyncDisposable
{
    /// <summary>Writes one report.</summary>
    ValueTask WriteAsync(ExportedReport report, CancellationToken cancellationToken);

    /// <summary>Writes what closes the document and flushes.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
