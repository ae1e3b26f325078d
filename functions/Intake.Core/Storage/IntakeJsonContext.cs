using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intake.Core.Storage;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProcessReportMessage))]
[JsonSerializable(typeof(ProcessBatchMessage))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
