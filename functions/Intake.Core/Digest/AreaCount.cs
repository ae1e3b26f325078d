namespace Intake.Core.Digest;

/// <summary>Reports in one country, with a breakdown per admin1 area (<c>unknown</c> when not given).</summary>
public sealed record AreaCount(int Total, SortedDictionary<string, int> Admin1);
