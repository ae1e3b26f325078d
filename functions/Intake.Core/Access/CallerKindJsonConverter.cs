namespace Intake.Core.Access;

/// <summary>Names, not numbers, in every answer and request that carries a <see cref="CallerKind"/>.</summary>
internal sealed class CallerKindJsonConverter() : JsonStringEnumConverter<CallerKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
