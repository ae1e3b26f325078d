using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intake.Core.Digest.Tally;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DayTally))]
[JsonSerializable(typeof(TalliedReport))]
[JsonSerializable(typeof(TallySnapshot))]
internal sealed partial class TallyJsonContext : JsonSerializerContext;
