namespace Intake.Core.Places;

/// <summary>How a report's area was resolved.</summary>
public enum PlaceMatch
{
    /// <summary>Neither a country nor an area name could be had.</summary>
    None,

    /// <summary>No admin1 given: the area is the country the report stated.</summary>
    Stated,

    /// <summary>No admin1 given: the area is the country the coordinates fall in.</summary>
    Coordinates,

    /// <summary>Admin1 was an ISO 3166-2 code the gazetteer knows.</summary>
    Code,

    /// <summary>Admin1 matched a gazetteer name in some language (case, marks, punctuation, abbreviations ignored).</summary>
    Exact,

    /// <summary>Admin1 matched an alias an admin added.</summary>
    Alias,

    /// <summary>Admin1 was close enough to one gazetteer name; the score says how close.</summary>
    Fuzzy,

    /// <summary>Admin1 matched nothing: kept as given, the area is the country.</summary>
    Unresolved,
}
