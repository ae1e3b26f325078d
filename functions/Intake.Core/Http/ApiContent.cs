namespace Intake.Core.Http;

/// <summary>A body of the contract: its media type and, for JSON, the type or schema that describes it.</summary>
/// <param name="MediaType">The media type, e.g. <c>application/json</c>.</param>
/// <param name="Type">The .NET type whose JSON shape it is; null for bodies described by <paramref name="SchemaName"/> or not JSON.</param>
/// <param name="SchemaName">A named schema of the OpenAPI document (such as the report's JSON Schema).</param>
public sealed record ApiContent(string MediaType, Type? Type = null, string? SchemaName = null);
