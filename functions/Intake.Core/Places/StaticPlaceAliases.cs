namespace Intake.Core.Places;

/// <summary>A fixed list of aliases: none by default, or a list given in code or tests.</summary>
/// <param name="Current">The aliases.</param>
internal sealed record StaticPlaceAliases(IReadOnlyList<PlaceAlias> Current) : IPlaceAliasSource
{
    /// <summary>No aliases.</summary>
    public static StaticPlaceAliases Empty { get; } = new([]);
}
