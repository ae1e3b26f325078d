namespace Intake.Core.Digest.Alerts;

// Unknown fields are refused: a misspelt threshold must stop start-up, not be ignored.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AlertRules))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
