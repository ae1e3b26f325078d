using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intake.Core.Digest.Flash;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FlashAlert))]
[JsonSerializable(typeof(FlashDeliveryMessage))]
internal sealed partial class FlashJsonContext : JsonSerializerContext;
