namespace Intake.Core.Places;

/// <summary>What an analyst should know about how a report's place was settled.</summary>
[Flags]
public enum PlaceFlags
{
    /// <summary>Nothing to note.</summary>
    None = 0,

    /// <summary>The report gave no country; it was taken from the coordinates.</summary>
    CountryFromCoordinates = 1,

    /// <summary>The stated country is not where the coordinates are, beyond the border tolerance; the stated one is kept.</summary>
    CountryDisagrees = 2,

    /// <summary>The coordinates are (0, 0), almost always a phone that had no fix.</summary>
    NullIsland = 4,

    /// <summary>The coordinates are in no country (nor near one): at sea, or wrong.</summary>
    OutsideAnyCountry = 8,

    /// <summary>Admin1 is a subdivision of another country than the report's.</summary>
    Admin1OtherCountry = 16,

    /// <summary>Neither the report nor the coordinates gave a country; it was taken from the resolved admin1.</summary>
    CountryFromAdmin1 = 32,
}
