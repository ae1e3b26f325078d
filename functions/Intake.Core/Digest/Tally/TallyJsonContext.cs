namespace Intake.Core.Digest.Tally;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DayTally))]
[JsonSerializable(typeof(TalliedReport))]
[JsonSerializable(typeof(TallySnapshot))]
internal sealed partial class TallyJsonContext : JsonSerializerContext;
