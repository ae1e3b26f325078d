using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Places;
using Intake.Core.Problems;
using Intake.Core.Reports;

namespace Intake.Core.Http;

/// <summary>
/// The admin routes of places (<c>/api/admin/places/...</c>): the admin1 names that did not resolve,
/// and the aliases that settle them. Like <see cref="AdminApi"/>, each handler attaches an
/// <see cref="AuditNote"/>; the hosts check access before and write the audit row after.
/// </summary>
public sealed class PlacesApi(PlaceAliasAdmin places, Gazetteer gazetteer, TimeProvider time)
{
    /// <summary><c>GET /api/admin/places/unresolved?from=&amp;to=</c>: unresolved admin1 names with counts and countries.</summary>
    public async Task<ApiAnswer> UnresolvedAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (window, error) = DayWindow.Parse(request.Query, Today(), PlaceAliasAdmin.DefaultDays, PlaceAliasAdmin.MaxListDays);
        if (window is null)
        {
            return AdminApi.Invalid(error.Field, error.Detail);
        }

        var page = await places.ListUnresolvedAsync(window, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, new { window.From, window.To }, page.Items.Count);
        return ApiAnswer.JsonBody(200, page);
    }

    /// <summary><c>GET /api/admin/places/aliases</c>: every alias.</summary>
    public async Task<ApiAnswer> ListAliasesAsync(HttpContext httpContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var list = await places.ListAsync(cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(httpContext, null, list.Count);
        return ApiAnswer.JsonBody(200, list);
    }

    /// <summary>
    /// <c>POST /api/admin/places/aliases</c>, body <see cref="PlaceAliasRequest"/>: adds the alias and queues the
    /// reports it moves; 201 with <see cref="PlaceAliasChange"/>, 422 naming the bad field.
    /// </summary>
    public async Task<ApiAnswer> AddAliasAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await AdminApi.ReadAsync<PlaceAliasRequest>(request, allowEmpty: false, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = PlaceAliasValidation.Validate(body!.Name, body.Code, gazetteer);
        if (errors.Count > 0)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidAlias, $"{errors.Count} field(s) are invalid; see 'errors'. Nothing was stored.", errors);
        }

        var (window, error) = DayWindow.Create(body.From, body.To, Today(), PlaceAliasAdmin.DefaultDays, PlaceAliasAdmin.MaxRequeueDays);
        if (window is null)
        {
            return AdminApi.Invalid(error.Field, error.Detail);
        }

        var addedBy = Caller.Of(request.HttpContext)?.Id ?? "unknown";
        var change = await places.AddAsync(new PlaceAlias(body.Name!, body.Code!), addedBy, window, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, new { change.Alias.Name, change.Alias.Code, window.From, window.To }, change.Queued);
        return ApiAnswer.JsonBody(201, change);
    }

    /// <summary>
    /// <c>DELETE /api/admin/places/aliases/{country}/{name}?from=&amp;to=</c>: removes the alias and queues the
    /// reports it had resolved; 404 when there is none.
    /// </summary>
    public async Task<ApiAnswer> RemoveAliasAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var country = request.Route("country");
        // Routing decodes every escape but %2F (a '/' in a name): decode that one too.
        var name = request.Route("name").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var errors = new List<FieldError>();
        if (PlaceAliasValidation.ValidateCountry(country, gazetteer) is { } countryError)
        {
            errors.Add(countryError);
        }

        if (PlaceNameNormalizer.Key(name).Length == 0)
        {
            errors.Add(new FieldError("name", "Required: the alias name, escaped as a path segment."));
        }

        if (errors.Count > 0)
        {
            return ApiAnswer.FromProblem(ProblemCatalog.InvalidAlias, $"{errors.Count} field(s) are invalid; see 'errors'.", errors);
        }

        var (window, error) = DayWindow.Parse(request.Query, Today(), PlaceAliasAdmin.DefaultDays, PlaceAliasAdmin.MaxRequeueDays);
        if (window is null)
        {
            return AdminApi.Invalid(error.Field, error.Detail);
        }

        var change = await places.RemoveAsync(country, name, window, cancellationToken).ConfigureAwait(false);
        AuditNote.Attach(request.HttpContext, new { country = country.ToUpperInvariant(), name, window.From, window.To }, change?.Queued ?? 0);
        return change is null
            ? ApiAnswer.FromProblem(ProblemCatalog.AliasNotFound, "No alias of this country compares equal to this name.", [new FieldError("name", "Unknown alias.")])
            : ApiAnswer.JsonBody(200, change);
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
