namespace Intake.Core.Digest.Flash;

// Absent, not null: a report flash keeps exactly its former shape, an area flash leaves out the report's fields.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FlashAlert))]
[JsonSerializable(typeof(FlashDeliveryMessage))]
internal sealed partial class FlashJsonContext : JsonSerializerContext;
