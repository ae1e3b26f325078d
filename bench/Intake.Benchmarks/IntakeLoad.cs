using System.Net;
using System.Net.Http.Headers;

namespace Intake.Benchmarks;

/// <summary>Intake as a field client sees it: <c>POST /api/reports</c> over real HTTP to the self-host process.</summary>
internal sealed class IntakeLoad(HttpClient client)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<bool> SubmitOneAsync()
    {
        var (_, body) = SampleReports.Next();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync(new Uri("api/reports", UriKind.Relative), content);
        return response.StatusCode == HttpStatusCode.Accepted;
    }
}
