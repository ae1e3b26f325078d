using System.Text;
using Intake.Core.Http;
using Intake.Core.Problems;
using Intake.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Intake.Functions.Tests;

/// <summary>The OpenAPI document both hosts serve is valid and describes exactly the functions the Azure host runs.</summary>
public sealed class OpenApiDocumentTests
{
    private static ReadResult Read() =>
        Microsoft.OpenApi.OpenApiDocument.Parse(Encoding.UTF8.GetString(new Intake.Core.Http.OpenApiDocument(new ReportSchemaDocument()).Utf8), "json");

    /// <summary>
    /// docs/openapi.json is the document both hosts serve, kept in the repository so that a change
    /// of the contract shows in review and client generators can run without a host. Regenerate it
    /// with <c>INTAKE_WRITE_OPENAPI=1 dotnet test tests/Intake.Functions.Tests --filter CommittedDocument</c>.
    /// </summary>
    [Fact]
    public void CommittedDocument_IsTheServedDocument()
    {
        var path = RepositoryLayout.PathOf("docs", "openapi.json");
        var served = Encoding.UTF8.GetString(new Intake.Core.Http.OpenApiDocument(new ReportSchemaDocument()).Utf8).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("INTAKE_WRITE_OPENAPI") == "1")
        {
            File.WriteAllText(path, served);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == served, "docs/openapi.json differs from the served document; regenerate it (see this test's summary).");
    }

    [Fact]
    public void Parse_ServedDocument_IsOpenApi31WithoutErrors()
    {
        var result = Read();

        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        Assert.Empty(result.Document!.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public void Operations_AreTheHttpTriggersOfFunctionsMetadata()
    {
        var document = Read().Document!;
        var documented = document.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method} {p.Key.TrimStart('/')} {o.Value.OperationId}"))
            .Order(StringComparer.Ordinal);

        var functions = FunctionsMetadata.Triggers()
            .Where(t => (string)t.Value["type"]! == "httpTrigger")
            // OpenAPI has no catch-all: console/{*path} is documented as console/{path}.
            .Select(t => $"{((string)t.Value["methods"]![0]!).ToUpperInvariant()} {((string)t.Value["route"]!).Replace("{*", "{", StringComparison.Ordinal)} {t.Key}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(functions, documented);
    }

    [Fact]
    public void Components_NameEveryProblemTheReportAndBothSecuritySchemes()
    {
        var document = Read().Document!;
        var problem = document.Components!.Schemas!["Problem"];
        var codes = problem.Properties!["code"].Enum!.Select(e => e!.GetValue<string>());

        Assert.Equal(ProblemCatalog.All.Select(p => p.Code).Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        Assert.Contains("submissionId", document.Components.Schemas["Report"].Properties!.Keys);
        Assert.Equal(["bearerToken", "entraId"], document.Components.SecuritySchemes!.Keys.Order(StringComparer.Ordinal));
        var submit = document.Paths["/reports"].Operations![HttpMethod.Post];
        Assert.NotNull(submit.RequestBody!.Content!["application/json"].Example);
        Assert.Contains("422", submit.Responses!.Keys);
        Assert.Contains("503", submit.Responses.Keys);
    }
}
