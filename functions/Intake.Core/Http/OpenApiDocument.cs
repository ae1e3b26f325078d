using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Intake.Core.Access;
using Intake.Core.Problems;

namespace Intake.Core.Http;

/// <summary>
/// The OpenAPI 3.1 document of the API, written once from <see cref="ApiOperations"/>: paths,
/// parameters, bodies (the report's own JSON Schema; other types' schemas exported from the .NET
/// records the handlers answer with), every problem type, and the security schemes. Served at
/// <c>GET /api/openapi.json</c> by both hosts.
/// </summary>
public sealed class OpenApiDocument
{
    /// <summary>The name of the report's schema among the document's components.</summary>
    public const string ReportSchema = "Report";

    private const string ProblemSchema = "Problem";
    private const string Bearer = "bearerToken";
    private const string Entra = "entraId";

    // Answers write numbers as numbers; the Web defaults would document them as "integer or numeric string".
    private static readonly JsonSerializerOptions Shapes = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    // The document is JSON for tools and people, never embedded in HTML: no need to escape '+' or '<'.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSchemaExporterOptions Exporter = new() { TreatNullObliviousAsNonNullable = true };

    /// <summary>Writes the document.</summary>
    public OpenApiDocument(ReportSchemaDocument reportSchema)
    {
        ArgumentNullException.ThrowIfNull(reportSchema);
        Document = Build(reportSchema);
        Utf8 = JsonSerializer.SerializeToUtf8Bytes(Document, Indented);
    }

    /// <summary>The document.</summary>
    public JsonObject Document { get; }

    /// <summary>The document as UTF-8 JSON.</summary>
    public byte[] Utf8 { get; }

    private static JsonObject Build(ReportSchemaDocument reportSchema)
    {
        var report = JsonNode.Parse(reportSchema.Utf8)!.AsObject();
        var example = report["examples"]?[0]?.DeepClone();
        // A component is a schema inside the document: its own dialect and id would re-root it.
        report.Remove("$schema");
        report.Remove("$id");

        var schemas = new JsonObject { [ReportSchema] = report, [ProblemSchema] = ProblemShape() };
        var paths = new JsonObject();
        foreach (var operation in ApiOperations.All)
        {
            var path = operation.PathTemplate;
            if (paths[path] is not JsonObject item)
            {
                item = [];
                paths[path] = item;
            }

            item[operation.Method.ToLowerInvariant()] = Operation(operation, schemas, example);
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Intake",
                ["version"] = "1",
                ["description"] = "Incident report intake for human-rights and atrocity-crime early warning. Every error is " +
                    "application/problem+json (OpenRosa routes: an OpenRosa XML response) with a stable code; see the Problem schema.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api" }),
            ["tags"] = new JsonArray([.. ApiOperations.All.Select(o => o.Tag).Distinct().Select(t => (JsonNode)new JsonObject { ["name"] = t })]),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["examples"] = new JsonObject([.. ProblemCatalog.All.Select(p => KeyValuePair.Create(p.Code, (JsonNode?)new JsonObject { ["summary"] = p.Title, ["value"] = ProblemExample(p) }))]),
                ["securitySchemes"] = new JsonObject
                {
                    [Bearer] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = "An Intake access token (isub... for submitters, iadm... for admins), issued by POST /api/admin/tokens.",
                    },
                    [Entra] = new JsonObject
                    {
                        ["type"] = "oauth2",
                        ["description"] = $"Microsoft Entra ID, when the deployment configures AzureAd; admin routes need the app role {EntraAdminSettings.AdminRole}.",
                        ["flows"] = new JsonObject
                        {
                            ["authorizationCode"] = new JsonObject
                            {
                                ["authorizationUrl"] = "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
                                ["tokenUrl"] = "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
                                ["scopes"] = new JsonObject(),
                            },
                        },
                    },
                },
            },
        };
    }

    private static JsonObject Operation(ApiOperation operation, JsonObject schemas, JsonNode? reportExample)
    {
        var result = new JsonObject
        {
            ["operationId"] = operation.Name,
            ["summary"] = operation.Summary,
            ["tags"] = new JsonArray(operation.Tag),
            ["security"] = Security(operation),
        };
        var parameters = new JsonArray();
        foreach (var name in operation.RouteParameters)
        {
            var parameter = new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
            if (name == RouteAccess.TokenRouteValue)
            {
                parameter["description"] = "The submitter token, for clients that cannot send headers.";
            }

            parameters.Add(parameter);
        }

        foreach (var query in operation.Query)
        {
            var schema = new JsonObject { ["type"] = query.Type };
            if (query.Format is not null)
            {
                schema["format"] = query.Format;
            }

            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = false, ["description"] = query.Description, ["schema"] = schema });
        }

        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }

        if (operation.Body is { } body)
        {
            var content = Content(body, schemas);
            if (body.SchemaName == ReportSchema && reportExample is not null)
            {
                content[body.MediaType]!["example"] = reportExample.DeepClone();
            }

            result["requestBody"] = new JsonObject { ["required"] = true, ["content"] = content };
        }

        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            var answer = new JsonObject { ["description"] = response.Description };
            if (response.Content is { } content)
            {
                answer["content"] = Content(content, schemas);
            }

            responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = answer;
        }

        foreach (var group in operation.AllProblems.GroupBy(p => p.Status).OrderBy(g => g.Key))
        {
            var examples = new JsonObject();
            foreach (var problem in group)
            {
                examples[problem.Code] = new JsonObject { ["$ref"] = $"#/components/examples/{problem.Code}" };
            }

            var media = operation.IsOpenRosa
                ? new JsonObject { ["text/xml"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } }
                : new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Ref(ProblemSchema), ["examples"] = examples } };
            responses[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = string.Join("; ", group.Select(p => $"{p.Code}: {p.Title}")),
                ["content"] = media,
            };
        }

        result["responses"] = responses;
        return result;
    }

    private static JsonArray Security(ApiOperation operation) => operation switch
    {
        { Access: RouteClass.Anonymous } or { HasPathToken: true } => [],
        { Access: RouteClass.Admin } => [new JsonObject { [Bearer] = new JsonArray() }, new JsonObject { [Entra] = new JsonArray() }],
        _ => [new JsonObject { [Bearer] = new JsonArray() }],
    };

    private static JsonObject Content(ApiContent content, JsonObject schemas)
    {
        JsonNode schema;
        if (content.SchemaName is { } named)
        {
            schema = Ref(named);
        }
        else if (content.Type is { } type)
        {
            var element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : type;
            if (!schemas.ContainsKey(element.Name))
            {
                var exported = Shapes.GetJsonSchemaAsNode(element, Exporter);
                Rebase(exported, $"#/components/schemas/{element.Name}");
                schemas[element.Name] = exported;
            }

            schema = element == type ? Ref(element.Name) : new JsonObject { ["type"] = "array", ["items"] = Ref(element.Name) };
        }
        else
        {
            schema = new JsonObject { ["type"] = content.MediaType.Contains("json", StringComparison.Ordinal) ? "object" : "string" };
        }

        return new JsonObject { [content.MediaType] = new JsonObject { ["schema"] = schema } };
    }

    /// <summary>The exporter refers to a repeated type by a pointer from the schema's root; inside the document the root is the component.</summary>
    private static void Rebase(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject value:
                if (value["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#'))
                {
                    value["$ref"] = root + target[1..];
                }

                foreach (var (_, child) in value.ToList())
                {
                    Rebase(child, root);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    Rebase(child, root);
                }

                break;
        }
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject ProblemShape() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details with a stable code from Intake's problem catalogue.",
        ["required"] = new JsonArray("type", "title", "status", "detail", "code"),
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. ProblemCatalog.All.Select(p => (JsonNode)p.Type)]) },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["code"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. ProblemCatalog.All.Select(p => (JsonNode)p.Code)]) },
            ["errors"] = new JsonObject
            {
                ["type"] = new JsonArray("array", "null"),
                ["description"] = "The fields at fault, each named by JSON Pointer.",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["field"] = new JsonObject { ["type"] = "string" },
                        ["pointer"] = new JsonObject { ["type"] = "string" },
                        ["detail"] = new JsonObject { ["type"] = "string" },
                    },
                },
            },
            ["correlationId"] = new JsonObject { ["type"] = "string", ["description"] = "For 500s: the id under which the host logged the failure." },
        },
    };

    private static JsonObject ProblemExample(Problem problem) => new()
    {
        ["type"] = problem.Type,
        ["title"] = problem.Title,
        ["status"] = problem.Status,
        ["detail"] = problem.Title + ".",
        ["code"] = problem.Code,
    };
}
