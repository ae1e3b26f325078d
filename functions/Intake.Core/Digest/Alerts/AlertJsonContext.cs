using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intake.Core.Digest.Alerts;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(AlertRules))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
