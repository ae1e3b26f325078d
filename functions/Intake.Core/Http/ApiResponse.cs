namespace Intake.Core.Http;

/// <summary>A successful answer of an operation.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Description">When it is given.</param>
/// <param name="Content">Its body; null when there is none.</param>
public sealed record ApiResponse(int Status, string Description, ApiContent? Content = null);
