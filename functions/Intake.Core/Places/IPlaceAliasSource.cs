namespace Intake.Core.Places;

/// <summary>
/// The admin-owned aliases the resolver uses besides the gazetteer. Read on the processing hot path,
/// so <see cref="Current"/> must answer from memory; a new list (a new instance) is picked up on the next resolution.
/// </summary>
public interface IPlaceAliasSource
{
    /// <summary>The aliases in force now.</summary>
    IReadOnlyList<PlaceAlias> Current { get; }
}
