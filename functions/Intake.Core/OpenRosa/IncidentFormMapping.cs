using System.Text.Json.Nodes;
using Intake.Core.Reports;

namespace Intake.Core.OpenRosa;

/// <summary>
/// Maps an instance of the incident report form (<c>forms/incident-report.xml</c>) to the JSON
/// report (schema v1) and validates it with the same <see cref="ReportValidator"/> as the JSON
/// API, so both ways in share one set of rules. Field errors are named by their form path.
/// </summary>
public sealed class IncidentFormMapping(ReportValidator validator)
{
    /// <summary>JSON field of the report to the form node it comes from, for readable reasons.</summary>
    private static readonly Dictionary<string, string> FormPathOf = new(StringComparer.Ordinal)
    {
        ["submissionId"] = "meta/instanceID",
        ["occurredAt"] = "when/occurred_on, when/occurred_time",
        ["occurredAtPrecision"] = "when/occurred_precision",
        ["location"] = "where/location",
        ["location.latitude"] = "where/location",
        ["location.longitude"] = "where/location",
        ["location.accuracyMeters"] = "where/location",
        ["location.country"] = "where/country",
        ["location.admin1"] = "where/admin1",
        ["location.admin2"] = "where/admin2",
        ["location.placeName"] = "where/place_name",
        ["category"] = "what/category",
        ["severity"] = "what/severity",
        ["killed"] = "what/killed",
        ["injured"] = "what/injured",
        ["perpetratorType"] = "what/perpetrator_type",
        ["victimGroups"] = "what/victim_groups",
        ["narrative"] = "what/narrative",
        ["language"] = "what/language",
        ["sourceType"] = "source/source_type",
        ["reporter.id"] = "source/reporter_id",
        ["reporter.contact"] = "consent/contact",
        ["consent"] = "consent",
        ["consent.followUp"] = "consent/follow_up",
        ["consent.shareWithPartners"] = "consent/share_with_partners",
    };

    /// <summary>The groups of the form whose fields the mapping reads; each appears once, as does each field in it.</summary>
    private static readonly string[] Groups = ["meta", "when", "where", "what", "source", "consent"];

    /// <summary>
    /// The first form path (<c>group</c> or <c>group/field</c>) given more than once in an instance
    /// of the incident form, or null. Readers disagree on which of two equal fields counts (the
    /// mapping takes the first, an XPath reader may take either), so such evidence is refused at
    /// the door instead of being stored with two meanings. The evidence repeat is not among them.
    /// </summary>
    public static string? RepeatedField(XFormInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.FormId != FormCatalog.IncidentReportFormId || instance.IsEncrypted)
        {
            return null;
        }

        foreach (var group in instance.Root.Elements().GroupBy(e => e.Name.LocalName).Where(g => Groups.Contains(g.Key)))
        {
            if (group.Skip(1).Any())
            {
                return group.Key;
            }

            if (group.First().Elements().GroupBy(e => e.Name.LocalName).FirstOrDefault(f => f.Skip(1).Any()) is { } field)
            {
                return $"{group.Key}/{field.Key}";
            }
        }

        return null;
    }

    /// <summary>Maps and validates an instance; errors name the form field (never its value).</summary>
    public ReportValidation Map(XFormInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.FormId != FormCatalog.IncidentReportFormId)
        {
            return new ReportValidation(null, [new FieldError("", $"The form id is not '{FormCatalog.IncidentReportFormId}'; only the incident report form can be mapped.")]);
        }

        var json = ToJson(instance);
        var validation = validator.Validate(JsonSerializer.SerializeToElement(json));
        if (validation.IsValid)
        {
            return validation;
        }

        var errors = validation.Errors
            .Select(e => new FieldError(FormPath(e.Field), e.Detail))
            .ToList();
        return new ReportValidation(null, errors);
    }

    /// <summary>The JSON report an instance stands for, before validation.</summary>
    public static JsonObject ToJson(XFormInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var root = instance.Root;
        var report = new JsonObject { ["submissionId"] = instance.ReportId.ToString("D") };

        var date = Value(root, "when", "occurred_on");
        var time = Value(root, "when", "occurred_time");
        if (date is not null)
        {
            report["occurredAt"] = time is not null && Value(root, "when", "time_known") == "yes" ? $"{date}T{time}" : date;
        }

        Put(report, "occurredAtPrecision", Value(root, "when", "occurred_precision"));
        report["location"] = Location(root);
        Put(report, "category", Value(root, "what", "category"));
        PutNumber(report, "severity", Value(root, "what", "severity"));
        PutNumber(report, "killed", Value(root, "what", "killed"));
        PutNumber(report, "injured", Value(root, "what", "injured"));
        Put(report, "perpetratorType", Value(root, "what", "perpetrator_type"));
        if (Value(root, "what", "victim_groups") is { } groups)
        {
            report["victimGroups"] = new JsonArray([.. groups.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(g => (JsonNode?)JsonValue.Create(g))]);
        }

        Put(report, "narrative", Value(root, "what", "narrative"));
        Put(report, "language", Value(root, "what", "language"));
        Put(report, "sourceType", Value(root, "source", "source_type"));
        var followUp = Value(root, "consent", "follow_up");
        var reporter = new JsonObject();
        Put(reporter, "id", Value(root, "source", "reporter_id"));
        if (followUp == "yes")
        {
            Put(reporter, "contact", Value(root, "consent", "contact"));
        }

        if (reporter.Count > 0)
        {
            report["reporter"] = reporter;
        }

        var consent = new JsonObject();
        PutYesNo(consent, "followUp", followUp);
        PutYesNo(consent, "shareWithPartners", Value(root, "consent", "share_with_partners"));
        report["consent"] = consent;
        return report;
    }

    private static JsonObject? Location(XElement root)
    {
        var point = Value(root, "where", "location");
        var location = new JsonObject();
        if (point is not null)
        {
            // An ODK geopoint: "latitude longitude altitude accuracy", the last two optional.
            var parts = point.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            PutNumber(location, "latitude", parts.ElementAtOrDefault(0));
            PutNumber(location, "longitude", parts.ElementAtOrDefault(1));
            if (parts.Length > 3 && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var accuracy) && accuracy >= 0)
            {
                location["accuracyMeters"] = accuracy;
            }
        }

        Put(location, "country", Value(root, "where", "country"));
        // The form offers the country's subdivisions (their ISO 3166-2 codes) and "other", which leads to free
        // text; an instance from an older form version has the free text in admin1 itself.
        var admin1 = Value(root, "where", "admin1");
        Put(location, "admin1", admin1 == "other" ? Value(root, "where", "admin1_other") : admin1 ?? Value(root, "where", "admin1_other"));
        Put(location, "admin2", Value(root, "where", "admin2"));
        Put(location, "placeName", Value(root, "where", "place_name"));
        return point is null && location.Count == 0 ? null : location;
    }

    /// <summary>The trimmed text of <c>group/field</c> under the root, or null when absent or empty.</summary>
    private static string? Value(XElement root, string group, string field)
    {
        var text = root.Elements().FirstOrDefault(e => e.Name.LocalName == group)?
            .Elements().FirstOrDefault(e => e.Name.LocalName == field)?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static void Put(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    /// <summary>A number when the text is one, else the text, so the validator names the field.</summary>
    private static void PutNumber(JsonObject target, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        target[name] = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number
                : value;
    }

    private static void PutYesNo(JsonObject target, string name, string? value)
    {
        switch (value)
        {
            case "yes":
                target[name] = true;
                break;
            case "no":
                target[name] = false;
                break;
            case not null:
                target[name] = value;
                break;
        }
    }

    private static string FormPath(string field)
    {
        if (field.Length == 0)
        {
            return "";
        }

        if (FormPathOf.TryGetValue(field, out var path))
        {
            return path;
        }

        // victimGroups.3 and the like: the list's node.
        var head = field.Split('.')[0];
        return FormPathOf.GetValueOrDefault(head, field);
    }
}
