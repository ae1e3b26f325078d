using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;
using Intake.Core.Reports;
using Intake.Core.Storage;

namespace Intake.Core.Processing;

/// <summary>
/// Reads a stored raw submission back into a report, whichever API it came through: a JSON body
/// is validated as at intake; an OpenRosa instance is mapped by <see cref="IncidentFormMapping"/>
/// and validated by the same validator; an encrypted one is first decrypted in memory by
/// <see cref="EncryptedSubmissionReader"/> when this server holds the key. The one processing path starts here.
/// </summary>
public sealed class StoredReportReader(
    RawSubmissionStore raw,
    ReportValidator validator,
    IncidentFormMapping mapping,
    EncryptedSubmissionReader encrypted,
    IOptionsMonitor<OpenRosaOptions> openRosa)
{
    /// <summary>Reads the submission of an index row.</summary>
    /// <exception cref="ReportProcessingException">The bytes changed since intake, or a stored JSON report no longer validates.</exception>
    public async Task<SubmissionReading> ReadAsync(ReportIndexEntry row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        var content = await raw.ReadAsync(row.ReportId, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(row, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Turns the stored bytes of a report into a reading: the one per-report mapping step of
    /// processing (hash check, then JSON validation or the OpenRosa instance's mapping).
    /// </summary>
    /// <exception cref="ReportProcessingException">The bytes changed since intake, or a stored JSON report no longer validates.</exception>
    public async Task<SubmissionReading> ReadAsync(ReportIndexEntry row, BinaryData content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(content);
        var bytes = content.ToMemory();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        if (row.Sha256.Length > 0 && !string.Equals(sha, row.Sha256, StringComparison.Ordinal))
        {
            throw new ReportProcessingException("The raw submission's SHA-256 differs from the one recorded at intake.");
        }

        return row.Source == SubmissionSource.OpenRosa ? await ReadInstanceAsync(row.ReportId, bytes, cancellationToken).ConfigureAwait(false) : ReadJson(bytes);
    }

    private SubmissionReading ReadJson(ReadOnlyMemory<byte> bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var validation = validator.Validate(document.RootElement);
        if (!validation.IsValid)
        {
            // JSON reports were valid at intake (clients are told to fix them); a change of rules is an operator matter.
            var fields = string.Join(", ", validation.Errors.Select(e => e.Field).Distinct());
            throw new ReportProcessingException($"The stored report no longer validates (fields: {fields}).");
        }

        return new SubmissionReading(validation.Report, [], false);
    }

    private async Task<SubmissionReading> ReadInstanceAsync(Guid reportId, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        XFormInstance instance;
        try
        {
            instance = XFormInstance.Parse(bytes, openRosa.CurrentValue.MaxXmlBytes);
        }
        catch (XmlException e)
        {
            return new SubmissionReading(null, [$"The stored XML cannot be read: {e.Message}"], false);
        }

        if (instance.IsEncrypted)
        {
            var decrypted = await encrypted.ReadAsync(reportId, instance, cancellationToken).ConfigureAwait(false);
            if (decrypted.Instance is null)
            {
                return new SubmissionReading(null, decrypted.ReviewReasons, decrypted.ReviewReasons.Count == 0);
            }

            instance = decrypted.Instance;
        }

        // A phone cannot fix a sent form: reasons go to an admin instead of back to the client.
        var validation = mapping.Map(instance);
        return validation.IsValid
            ? new SubmissionReading(validation.Report, [], false)
            : new SubmissionReading(null, [.. validation.Errors.Select(e => e.Field.Length == 0 ? e.Detail : $"{e.Field}: {e.Detail}")], false);
    }
}
