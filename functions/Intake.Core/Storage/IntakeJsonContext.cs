namespace Intake.Core.Storage;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProcessReportMessage))]
[JsonSerializable(typeof(ProcessBatchMessage))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
