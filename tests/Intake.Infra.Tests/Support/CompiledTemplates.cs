using System.Text.Json.Nodes;

namespace Intake.Infra.Tests.Support;

/// <summary>
/// infra/main.bicep and the dev and prod parameter files, compiled once for the
/// <see cref="CompiledTemplatesCollection"/> with the NuGet Bicep CLI into a temporary folder.
/// If they do not build, BicepBuildTests (outside the collection) shows why.
/// </summary>
public sealed class CompiledTemplates : IAsyncLifetime
{
    private readonly TempDirectory _output = new();
    private ArmTemplate? _main;
    private JsonObject? _dev;
    private JsonObject? _prod;

    /// <summary>The compiled main.bicep, modules nested.</summary>
    public ArmTemplate Main => _main ?? throw new InvalidOperationException("Not compiled yet.");

    /// <summary>The <c>parameters</c> object of env/dev.bicepparam.</summary>
    public JsonObject DevParameters => _dev ?? throw new InvalidOperationException("Not compiled yet.");

    /// <summary>The <c>parameters</c> object of env/prod.bicepparam.</summary>
    public JsonObject ProdParameters => _prod ?? throw new InvalidOperationException("Not compiled yet.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _main = ArmTemplate.Load(await BuildAsync(RepositoryLayout.MainTemplate, "main.json", cancellationToken));
        _dev = await LoadParametersAsync("dev", cancellationToken);
        _prod = await LoadParametersAsync("prod", cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _output.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The value a parameter file gives a parameter, or null when it leaves the template default.</summary>
    public static JsonNode? ParameterValue(JsonObject parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters[name]?["value"];
    }

    private async Task<JsonObject> LoadParametersAsync(string environment, CancellationToken cancellationToken)
    {
        var path = await BuildAsync(RepositoryLayout.ParameterFile(environment), environment + ".parameters.json", cancellationToken);
        return JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))?["parameters"]?.AsObject()
            ?? throw new InvalidDataException($"{path} has no parameters.");
    }

    private async Task<string> BuildAsync(string source, string outputName, CancellationToken cancellationToken)
    {
        var outputFile = _output.File(outputName);
        var result = await BicepCli.BuildAsync(source, outputFile, cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(outputFile))
        {
            throw new InvalidOperationException($"bicep could not build {source} (exit {result.ExitCode}):\n{result.Output}");
        }

        return outputFile;
    }
}
