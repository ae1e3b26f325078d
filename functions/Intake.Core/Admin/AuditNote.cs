namespace Intake.Core.Admin;

/// <summary>
/// What an admin handler adds to its request's audit row: its parameters (as given in the body)
/// and how many items it touched. Handlers call <see cref="Attach"/>; the hosts' middleware writes
/// the row through <see cref="AuditTrail"/> after the handler ran, so a new admin route is audited
/// without any wiring and only adds a note when it has parameters or counts.
/// </summary>
/// <param name="Parameters">Anything JSON-serialisable; never a secret.</param>
/// <param name="Count">Items moved, requeued, repaired or listed.</param>
internal sealed record AuditNote(object? Parameters, int? Count)
{
    private static readonly object ItemKey = new();

    /// <summary>Attaches the note to the request (the last one attached wins).</summary>
    public static void Attach(HttpContext httpContext, object? parameters, int? count)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Items[ItemKey] = new AuditNote(parameters, count);
    }

    /// <summary>The note a handler attached, if any.</summary>
    public static AuditNote? Of(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Items.TryGetValue(ItemKey, out var value) ? value as AuditNote : null;
    }
}
