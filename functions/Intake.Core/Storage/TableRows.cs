namespace Intake.Core.Storage;

/// <summary>Table operations several stores share.</summary>
internal static class TableRows
{
    /// <summary>Deletes a row if it exists; false when there was none.</summary>
    /// <remarks>The SDK's delete answers success for a missing entity, so this looks first to tell the caller.</remarks>
    public static async Task<bool> DeleteIfPresentAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return false;
        }

        await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
