namespace Intake.Core.Access;

/// <summary>The verified identity behind a request. Never carries the secret itself.</summary>
/// <param name="Id">Stable id: an access token's id, or <c>entra:{object id}</c>.</param>
/// <param name="Kind">What the credential allows.</param>
/// <param name="Name">A human label (the token's name, or the user's name) for the audit log.</param>
public sealed record Caller(string Id, CallerKind Kind, string Name)
{
    private static readonly object ItemKey = new();

    /// <summary>A partner's regions (country or ISO 3166-2 area codes); empty for other callers.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>A campaign token's terms; null for other callers.</summary>
    public CampaignTerms? Campaign { get; init; }

    /// <summary>True for admins.</summary>
    public bool IsAdmin => Kind == CallerKind.Admin;

    /// <summary>The caller the access gate verified for this request, if any.</summary>
    public static Caller? Of(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Items.TryGetValue(ItemKey, out var value) ? value as Caller : null;
    }

    /// <summary>Attaches the verified caller to the request: the access gate's job (and a test's, when it invokes a function directly).</summary>
    public void AttachTo(HttpContext httpContext) => httpContext.Items[ItemKey] = this;
}
