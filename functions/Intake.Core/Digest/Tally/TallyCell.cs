namespace Intake.Core.Digest.Tally;

/// <summary>One cell of the tally as the compiler reads it.</summary>
/// <param name="ReceivedOn">The UTC day the reports were received.</param>
/// <param name="OccurredOn">The UTC day they occurred.</param>
/// <param name="Country">ISO country code, or <c>unknown</c>.</param>
/// <param name="Counts">The counts.</param>
/// <param name="Area">The area (<see cref="TalliedReport.Area"/>) within the country; <c>unknown</c> for cells written before cells were kept per area.</param>
public sealed record TallyCell(DateOnly ReceivedOn, DateOnly OccurredOn, string Country, DayTally Counts, string Area = TalliedReport.Unknown);
