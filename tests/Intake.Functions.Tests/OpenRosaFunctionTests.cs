using System.Net.Http.Headers;
using System.Xml.Linq;
using Intake.Core.Hosting;
using Intake.Core.Http;
using Intake.Core.OpenRosa;
using Intake.Core.Storage;
using Intake.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>The OpenRosa function classes, invoked directly as the worker would, over real Azurite.</summary>
public sealed class OpenRosaFunctionTests : IAsyncLifetime
{
    private static readonly XNamespace ResponseNs = "http://openrosa.org/http/response";
    private AzuriteInstance? _azurite;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OpenRosaFunctions Functions => new(_services!);

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(cancellationToken: Ct);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddLogging().AddIntakeCore(configuration).BuildServiceProvider();
        await _services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static async Task<HttpRequest> RequestAsync(string method, string path, HttpContent? content = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func-intake.azurewebsites.net");
        context.Request.Path = path;
        context.Request.Headers["X-OpenRosa-Version"] = "1.0";
        if (content is not null)
        {
            var body = await content.ReadAsByteArrayAsync(Ct);
            context.Request.ContentType = content.Headers.ContentType!.ToString();
            context.Request.ContentLength = body.Length;
            context.Request.Body = new MemoryStream(body);
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, byte[] Body, IHeaderDictionary Headers)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        await result.ExecuteResultAsync(new ActionContext { HttpContext = request.HttpContext });
        var response = request.HttpContext.Response;
        return (response.StatusCode, ((MemoryStream)response.Body).ToArray(), response.Headers);
    }

    [Fact]
    public async Task SubmissionHead_Is204WithTheAdvertisedLimit()
    {
        var request = await RequestAsync("HEAD", "/api/openrosa/submission");

        var (status, body, headers) = await ExecuteAsync(await Functions.OpenRosaSubmissionHead(request, Ct), request);

        Assert.Equal(204, status);
        Assert.Empty(body);
        Assert.Equal("1.0", headers["X-OpenRosa-Version"].ToString());
        Assert.Equal(new OpenRosaOptions().MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), headers["X-OpenRosa-Accept-Content-Length"].ToString());
    }

    [Fact]
    public async Task KeyedFormList_DownloadUrlKeepsTheToken()
    {
        var request = await RequestAsync("GET", "/api/key/t0k/openrosa/formList");

        var (status, body, _) = await ExecuteAsync(await Functions.KeyedOpenRosaFormList(request, Ct), request);

        Assert.Equal(200, status);
        var url = XDocument.Load(new MemoryStream(body)).Descendants().Single(e => e.Name.LocalName == "downloadUrl").Value;
        Assert.Equal("https://func-intake.azurewebsites.net/api/key/t0k/openrosa/forms/incident_report", url);
    }

    [Fact]
    public async Task Submit_CollectInstance_201ThenIdentical202()
    {
        var id = Guid.NewGuid();
        HttpContent Multipart()
        {
            var content = new MultipartFormDataContent();
            var xml = new ByteArrayContent(OpenRosaFixtures.Load(OpenRosaFixtures.Collect, id));
            xml.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
            content.Add(xml, "xml_submission_file", "submission.xml");
            var photo = new ByteArrayContent(OpenRosaFixtures.Jpeg());
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(photo, OpenRosaFixtures.CollectPhoto, OpenRosaFixtures.CollectPhoto);
            return content;
        }

        var first = await RequestAsync("POST", "/api/openrosa/submission", Multipart());
        var (created, body, _) = await ExecuteAsync(await Functions.OpenRosaSubmit(first, Ct), first);
        var second = await RequestAsync("POST", "/api/openrosa/submission", Multipart());
        var (again, _, _) = await ExecuteAsync(await Functions.OpenRosaSubmit(second, Ct), second);

        Assert.Equal((201, 202), (created, again));
        Assert.Equal(ResponseNs + "OpenRosaResponse", XDocument.Load(new MemoryStream(body)).Root!.Name);
        Assert.Single(await _services!.GetRequiredService<AttachmentStore>().ListAsync(id, Ct));
    }
}
