namespace Intake.Core.Http;

/// <summary>A query parameter an operation reads.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Description">What it means and its default.</param>
/// <param name="Type">The JSON Schema type: <c>string</c>, <c>integer</c> or <c>boolean</c>.</param>
/// <param name="Format">The JSON Schema format, such as <c>date</c>; null for none.</param>
public sealed record ApiQueryParameter(string Name, string Description, string Type = "string", string? Format = null);
