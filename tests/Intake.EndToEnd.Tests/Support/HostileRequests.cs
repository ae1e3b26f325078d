using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>
/// CsCheck generators of malformed and extreme requests: mutated reports, broken and hostile
/// JSON, random bytes, bodies over the limit, odd media types and junk headers. Some generated
/// reports are still valid; the test tells them apart by the answer.
/// </summary>
public static class HostileRequests
{
    private static readonly string[] Paths =
    [
        "submissionId", "occurredAt", "occurredAtPrecision", "category", "severity", "killed", "injured", "perpetratorType",
        "victimGroups", "narrative", "sourceType", "language", "location", "location.latitude", "location.longitude",
        "location.accuracyMeters", "location.country", "location.admin1", "location.admin2", "location.placeName",
        "reporter", "reporter.id", "reporter.contact", "consent", "consent.followUp", "consent.shareWithPartners", "unknownField",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=UTF-8", "application/json;charset=\"utf-8\"",
        "application/vnd.intake+json", "application/problem+json", "text/json", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=", "application/json; ;;",
        "*/*", "", "application/", "json", "application/json, text/plain",
    ];

    private static readonly string[] HeaderNames =
    [
        "Accept", "Accept-Charset", "Content-Encoding", "Content-Language", "X-HTTP-Method-Override", "Range", "If-Match",
        "If-None-Match", "Authorization", "Cookie", "X-Forwarded-For", "X-Forwarded-Host", "X-Intake-Max-Body-Bytes", "Origin",
    ];

    private static readonly Gen<char> Printable = Gen.Char[' ', '~'];

    private static readonly Gen<string> AnyText = Gen.Frequency(
        (4, Gen.String[Printable, 0, 60]),
        (2, Gen.String[Gen.Char, 0, 60]),
        (1, Gen.Int[1_000, 70_000].Select(n => new string('x', n))),
        (1, Gen.OneOf("", " ", "\u0000", "\uD800", "\uDFFF", "\u202E", "\uFEFF", "null", "1e400", "-0", "NaN", "🙂🙂🙂", "<script>", "' OR 1=1 --")));

    private static readonly Gen<JsonNode?> AnyJson = Gen.Frequency(
        (4, AnyText.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (2, Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.OneOf<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(false), JsonValue.Create(decimal.MaxValue), JsonValue.Create(long.MinValue))),
        (1, Gen.Int[0, 20].Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()))),
        (1, Gen.String[Printable, 0, 20].Select(k => (JsonNode?)new JsonObject { [k] = JsonValue.Create(k) })));

    private static readonly Gen<(string Path, bool Remove, JsonNode? Value)> Mutation =
        Gen.Select(Gen.OneOf(Paths), Gen.Int[0, 3], AnyJson, (path, action, value) => (path, action == 0, value));

    /// <summary>A report with one to three fields removed or replaced by random JSON.</summary>
    public static readonly Gen<HostileRequest> MutatedReport =
        Gen.Select(Gen.Guid, Mutation.Array[1, 3], (id, mutations) =>
        {
            var report = ReportClient.NewReport();
            report["submissionId"] = id.ToString("D");
            foreach (var (path, remove, value) in mutations)
            {
                var parts = path.Split('.');
                var parent = parts.Length == 1 ? report : report[parts[0]] as JsonObject;
                if (parent is null)
                {
                    continue;
                }

                if (remove)
                {
                    parent.Remove(parts[^1]);
                }
                else
                {
                    parent[parts[^1]] = value?.DeepClone();
                }
            }

            return new HostileRequest("mutated-report", Encoding.UTF8.GetBytes(report.ToJsonString()), "application/json", []);
        });

    /// <summary>Reports broken at the byte or token level: cut, spliced, nested deep, with extreme literals.</summary>
    public static readonly Gen<HostileRequest> BrokenJson =
        Gen.Select(Gen.Guid, Gen.Int[0, 9], Gen.Int[0, int.MaxValue], Gen.Byte, (id, kind, position, b) =>
        {
            var report = ReportClient.NewReport();
            report["submissionId"] = id.ToString("D");
            var text = report.ToJsonString();
            var bytes = Encoding.UTF8.GetBytes(text);
            string Replace(string field, string literal) => text.Replace($"\"{field}\":{report[field]!.ToJsonString()}", $"\"{field}\":{literal}", StringComparison.Ordinal);
            var literals = new[] { "1e400", "-0", "99999999999999999999999999", "1.00000000000000000000001", "0x10", "NaN", "Infinity", "01", "+4", "4.", "\"4\"", "[4]" };
            var (name, body) = kind switch
            {
                0 => ("truncated", bytes[..(position % bytes.Length)]),
                1 => ("byte-replaced", bytes.Select((x, i) => i == position % bytes.Length ? b : x).ToArray()),
                2 => ("bom-prefixed", [0xEF, 0xBB, 0xBF, .. bytes]),
                3 => ("trailing-garbage", [.. bytes, .. Encoding.UTF8.GetBytes(" {} garbage")]),
                4 => ("duplicate-key", Encoding.UTF8.GetBytes("{\"severity\":1," + text[1..])),
                5 => ("extreme-number", Encoding.UTF8.GetBytes(Replace("severity", literals[position % literals.Length]))),
                6 => ("invalid-utf8-in-string", [.. Encoding.UTF8.GetBytes(text[..^1] + ",\"narrative2\":\""), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]),
                7 => ("escaped-surrogate-or-control", Encoding.UTF8.GetBytes(Replace("narrative", new[] { "\"\\uD800\"", "\"\\uDFFF\\uD800\"", "\"\\u0000\"", "\"a\\u0007b\"", "\"\\/\\b\\f\"" }[position % 5]))),
                8 => ("deep-nesting", Encoding.UTF8.GetBytes(new string('[', 1 + (position % 3000)) + new string(']', 1 + (position % 3000)))),
                _ => ("deep-object", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"location\":", 1 + (position % 200))) + "1" + new string('}', 1 + (position % 200)))),
            };
            return new HostileRequest(name, body, "application/json", []);
        });

    /// <summary>Random bytes and random text.</summary>
    public static readonly Gen<HostileRequest> Noise = Gen.Frequency(
        (1, Gen.Byte.Array[0, 512].Select(b => new HostileRequest("random-bytes", b, "application/json", []))),
        (1, Gen.String[Printable, 0, 512].Select(s => new HostileRequest("random-text", Encoding.UTF8.GetBytes(s), "application/json", []))));

    /// <summary>Valid-looking reports over the size limit.</summary>
    public static readonly Gen<HostileRequest> Oversized =
        Gen.Int[66_000, 300_000].Select(n =>
        {
            var report = ReportClient.NewReport();
            report["narrative"] = new string('n', n);
            return new HostileRequest("oversized", Encoding.UTF8.GetBytes(report.ToJsonString()), "application/json", []);
        });

    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (6, Gen.Bool.Select(_ => (string?)"application/json")),
        (3, Gen.OneOf(ContentTypes).Select(s => (string?)s)),
        (1, Gen.String[Printable, 0, 80].Select(s => (string?)s)),
        (1, Gen.Bool.Select(_ => (string?)null)));

    private static readonly Gen<KeyValuePair<string, string>> Header = Gen.Select(
        Gen.Frequency((2, Gen.OneOf(HeaderNames)), (1, Gen.String[Gen.Char['a', 'z'], 1, 20].Select(s => "X-" + s))),
        Gen.Frequency((8, Gen.String[Printable, 0, 200]), (1, Gen.Int[4_000, 40_000].Select(n => new string('h', n)))),
        (name, value) => new KeyValuePair<string, string>(name, value));

    /// <summary>Any of the above, with a generated Content-Type and up to three junk headers.</summary>
    public static readonly Gen<HostileRequest> Any =
        Gen.Select(
            Gen.Frequency((5, MutatedReport), (4, BrokenJson), (2, Noise), (1, Oversized)),
            ContentType,
            Header.Array[0, 3],
            (request, contentType, headers) => request with { ContentType = contentType, Headers = headers });

    /// <summary>The UUIDs a body mentions (the submission id a rejected request must not have stored).</summary>
    public static IEnumerable<string> MentionedIds(byte[] body) =>
        System.Text.RegularExpressions.Regex.Matches(Encoding.UTF8.GetString(body), "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
            .Select(m => m.Value.ToLower(CultureInfo.InvariantCulture));
}
