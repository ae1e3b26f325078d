using Intake.Core.Places;

namespace Intake.Core.Tests.Places;

/// <summary>One gazetteer for all place tests: loading it is the slow part.</summary>
internal static class TestGazetteer
{
    private static readonly Lazy<Gazetteer> Loaded = new(Gazetteer.LoadEmbedded);

    public static Gazetteer Instance => Loaded.Value;

    public static PlaceResolver Resolver(params PlaceAlias[] aliases) => new(Instance, new StaticPlaceAliases(aliases));
}
