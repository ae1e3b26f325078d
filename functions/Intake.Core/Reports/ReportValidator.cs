using Intake.Core.Taxonomy;

namespace Intake.Core.Reports;

/// <summary>
/// Reads a JSON report (schema v1, <c>schemas/report.schema.json</c>) into an
/// <see cref="IncidentReport"/>, collecting every field error in one pass so a client can fix
/// them all at once. Error details never echo submitted values: they may be personal data.
/// </summary>
public sealed partial class ReportValidator(CategoryTaxonomy taxonomy, TimeProvider time)
{
    private static readonly string[] TopLevel =
    [
        "submissionId", "occurredAt", "occurredAtPrecision", "location", "category", "severity", "killed",
        "injured", "perpetratorType", "victimGroups", "narrative", "sourceType", "reporter", "consent", "language",
    ];

    private static readonly string[] LocationFields =
        ["latitude", "longitude", "accuracyMeters", "country", "admin1", "admin2", "placeName"];

    /// <summary>How far in the future <c>occurredAt</c> may be, for phones whose clocks run fast.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Validates a parsed JSON document.</summary>
    public ReportValidation Validate(JsonElement root)
    {
        var errors = new List<FieldError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("", "The body must be a JSON object."));
            return new ReportValidation(null, errors);
        }

        var reader = new FieldReader(errors);
        reader.RejectUnknown(root, "", TopLevel);

        var submissionId = ReadSubmissionId(root, reader);
        var occurredAt = ReadOccurrence(root, reader);
        var location = ReadLocation(root, reader);
        var category = reader.String(root, "category", required: true, maxLength: 64);
        if (category is not null && taxonomy.Find(category) is null)
        {
            reader.Add("category", "Unknown category code; GET /api/schema/report lists the codes.");
        }

        var severity = reader.Integer(root, "severity", required: true, min: 1, max: 5);
        var killed = reader.Integer(root, "killed", required: false, min: 0, max: ReportVocabulary.MaxCasualties);
        var injured = reader.Integer(root, "injured", required: false, min: 0, max: ReportVocabulary.MaxCasualties);
        var perpetrator = reader.Enumerated(root, "perpetratorType", ReportVocabulary.PerpetratorTypes, required: false) ?? "unknown";
        var victimGroups = ReadVictimGroups(root, reader);
        var narrative = reader.String(root, "narrative", required: false, maxLength: ReportVocabulary.MaxNarrativeLength, allowEmpty: true);
        var sourceType = reader.Enumerated(root, "sourceType", ReportVocabulary.SourceTypes, required: true);
        var consent = ReadConsent(root, reader);
        var reporter = ReadReporter(root, reader, consent);
        var language = reader.String(root, "language", required: false, maxLength: 35);
        if (language is not null && !LanguageTag().IsMatch(language))
        {
            reader.Add("language", "Must be a BCP 47 language tag such as 'en' or 'fr-CD'.");
        }

        if (errors.Count > 0)
        {
            return new ReportValidation(null, errors);
        }

        var report = new IncidentReport(
            submissionId!.Value, occurredAt!, location!, category!, severity!.Value, killed, injured, perpetrator,
            victimGroups, narrative, sourceType!, reporter, consent!, language);
        return new ReportValidation(report, errors);
    }

    private static Guid? ReadSubmissionId(JsonElement root, FieldReader reader)
    {
        var text = reader.String(root, "submissionId", required: true, maxLength: 64);
        if (text is null)
        {
            return null;
        }

        if (!Guid.TryParseExact(text, "D", out var id) || id == Guid.Empty)
        {
            reader.Add("submissionId", "Must be a UUID such as 3f1c2a9e-7b4d-4e8a-9c51-2d6f0b8e4a17 (not the nil UUID).");
            return null;
        }

        return id;
    }

    private Occurrence? ReadOccurrence(JsonElement root, FieldReader reader)
    {
        var text = reader.String(root, "occurredAt", required: true, maxLength: 40);
        var precision = reader.Enumerated(root, "occurredAtPrecision", ReportVocabulary.Precisions, required: false);
        if (text is null)
        {
            return null;
        }

        Occurrence occurrence;
        if (DateOnlyPattern().IsMatch(text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            occurrence = new Occurrence(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true, precision ?? "day");
        }
        else if (DateTimePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            occurrence = new Occurrence(instant, false, precision ?? "minute");
        }
        else
        {
            reader.Add("occurredAt", "Must be a date (2026-11-20) or an RFC 3339 date-time with offset (2026-11-20T14:30:00Z).");
            return null;
        }

        var now = time.GetUtcNow();
        var latest = occurrence.IsDateOnly
            ? DateOnly.FromDateTime((now + ClockSkew).UtcDateTime) >= occurrence.Day
            : occurrence.Value <= now + ClockSkew;
        if (!latest)
        {
            reader.Add("occurredAt", $"Is in the future (more than {ClockSkew.TotalMinutes:0} minutes ahead of the server clock).");
            return null;
        }

        if (occurrence.Day < ReportVocabulary.EarliestOccurrence)
        {
            reader.Add("occurredAt", "Must not be before 1900-01-01.");
            return null;
        }

        return occurrence;
    }

    private static ReportLocation? ReadLocation(JsonElement root, FieldReader reader)
    {
        var location = reader.Object(root, "location", required: true);
        if (location is not { } element)
        {
            return null;
        }

        reader.RejectUnknown(element, "location", LocationFields);
        var scoped = reader.Under("location");
        var latitude = scoped.Number(element, "latitude", required: true, min: -90, max: 90);
        var longitude = scoped.Number(element, "longitude", required: true, min: -180, max: 180);
        var accuracy = scoped.Number(element, "accuracyMeters", required: false, min: 0, max: 100_000);
        var country = scoped.String(element, "country", required: false, maxLength: 2);
        if (country is not null && !CountryCodes.All.Contains(country))
        {
            scoped.Add("country", "Must be an upper-case ISO 3166-1 alpha-2 code such as 'SD'.");
        }

        var admin1 = scoped.String(element, "admin1", required: false, maxLength: 100);
        var admin2 = scoped.String(element, "admin2", required: false, maxLength: 100);
        var place = scoped.String(element, "placeName", required: false, maxLength: 200);
        return latitude is null || longitude is null
            ? null
            : new ReportLocation(latitude.Value, longitude.Value, accuracy, country, admin1, admin2, place);
    }

    private static List<string> ReadVictimGroups(JsonElement root, FieldReader reader)
    {
        if (!root.TryGetProperty("victimGroups", out var groups) || groups.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (groups.ValueKind != JsonValueKind.Array)
        {
            reader.Add("victimGroups", "Must be an array of victim group codes.");
            return [];
        }

        var result = new List<string>();
        var index = 0;
        foreach (var item in groups.EnumerateArray())
        {
            var field = $"victimGroups.{index++}";
            if (item.ValueKind != JsonValueKind.String || !FieldReader.TryGetText(item, out var group) || !ReportVocabulary.VictimGroups.Contains(group))
            {
                reader.Add(field, $"Must be one of: {string.Join(", ", ReportVocabulary.VictimGroups.Order(StringComparer.Ordinal))}.");
            }
            else if (result.Contains(group))
            {
                reader.Add(field, "Is listed twice.");
            }
            else
            {
                result.Add(group);
            }
        }

        if (index > ReportVocabulary.VictimGroups.Count)
        {
            reader.Add("victimGroups", $"Must list at most {ReportVocabulary.VictimGroups.Count} groups.");
        }

        return result;
    }

    private static ReportConsent? ReadConsent(JsonElement root, FieldReader reader)
    {
        var consent = reader.Object(root, "consent", required: true);
        if (consent is not { } element)
        {
            return null;
        }

        reader.RejectUnknown(element, "consent", ["followUp", "shareWithPartners"]);
        var scoped = reader.Under("consent");
        var followUp = scoped.Boolean(element, "followUp");
        var share = scoped.Boolean(element, "shareWithPartners");
        return followUp is null || share is null ? null : new ReportConsent(followUp.Value, share.Value);
    }

    private static ReporterIdentity? ReadReporter(JsonElement root, FieldReader reader, ReportConsent? consent)
    {
        var reporter = reader.Object(root, "reporter", required: false);
        if (reporter is not { } element)
        {
            return null;
        }

        reader.RejectUnknown(element, "reporter", ["id", "contact"]);
        var scoped = reader.Under("reporter");
        var id = scoped.String(element, "id", required: false, maxLength: 64);
        if (id is not null && !PseudonymPattern().IsMatch(id))
        {
            scoped.Add("id", "Must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        var contact = scoped.String(element, "contact", required: false, maxLength: 200);
        if (contact is not null && consent is { FollowUp: false })
        {
            scoped.Add("contact", "May only be given when consent.followUp is true; otherwise leave it out.");
        }

        return new ReporterIdentity(id, contact);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOnlyPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PseudonymPattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
