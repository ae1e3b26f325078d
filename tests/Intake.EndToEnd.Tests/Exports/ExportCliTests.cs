using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Intake.Cli;
using Intake.Core.Storage;
using Intake.EndToEnd.Tests.Support;
using Spectre.Console;

namespace Intake.EndToEnd.Tests.Exports;

/// <summary><c>intake export reports</c> against the live self-host: the file appears whole, or not at all.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExportCliTests(SelfHostFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("intake-export-cli-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SelfHostInstance Host => fixture.Host;

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => _directory.Delete(recursive: true);

    private Task<(int Code, string Output)> RunAsync(HttpMessageHandler? handler, params string[] args) => CliRun.RunAsync(Host.Address, Host.AdminToken.Secret, args, handler);

    private async Task<string> SubmitProcessedAsync()
    {
        var report = ReportClient.NewReport();
        using (var accepted = await Host.Client.PostAsync(report, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var id = (string)report["submissionId"]!;
        await Host.Client.WaitForStatusAsync(id, ReportStatus.Processed, TimeSpan.FromSeconds(90), Ct);
        return id;
    }

    [Fact]
    public async Task ExportReports_WritesTheWholeFile_AndNothingElse()
    {
        var id = await SubmitProcessedAsync();
        var target = Path.Combine(_directory.FullName, "reports.geojson");

        var (code, output) = await RunAsync(null, "export", "reports", "--from", Day(-1), "--to", Day(0), "--format", "geojson", "--out", target);

        Assert.True(code == 0, output);
        Assert.Contains("Wrote", output, StringComparison.Ordinal);
        var features = JsonNode.Parse(await File.ReadAllTextAsync(target, Ct))!["features"]!.AsArray();
        Assert.Contains(features, f => (string)f!["id"]! == id);
        Assert.Equal(["reports.geojson"], _directory.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public async Task ExportReports_ProblemAnswer_Exit1NamesTheParameter_WritesNothing()
    {
        var target = Path.Combine(_directory.FullName, "reports.csv");

        var (code, output) = await RunAsync(null, "export", "reports", "--country", "XX", "--out", target);

        Assert.Equal(1, code);
        Assert.Contains("country:", output, StringComparison.Ordinal);
        Assert.Empty(_directory.GetFiles());
    }

    [Fact]
    public async Task ExportReports_ConnectionBreaksOffMidway_Exit1_WritesNothing()
    {
        await SubmitProcessedAsync();
        var target = Path.Combine(_directory.FullName, "reports.ndjson");
        using var breaking = new BreakingHandler(afterBytes: 200);

        var (code, output) = await RunAsync(breaking, "export", "reports", "--from", Day(-1), "--to", Day(0), "--format", "ndjson", "--out", target);

        Assert.Equal(1, code);
        Assert.Contains("broke off", output, StringComparison.Ordinal);
        Assert.True(breaking.Broke, "The export was too small to break off; the test proves nothing.");
        Assert.Empty(_directory.GetFiles("*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ExportReports_ExistingFileWithoutForce_Exit2_LeavesItAlone()
    {
        var target = Path.Combine(_directory.FullName, "keep.csv");
        await File.WriteAllTextAsync(target, "mine", Ct);

        var (code, _) = await RunAsync(null, "export", "reports", "--out", target);

        Assert.Equal(2, code);
        Assert.Equal("mine", await File.ReadAllTextAsync(target, Ct));
    }

    /// <summary>Passes requests to the host, but cuts every response body off after some bytes, as a dropped connection would.</summary>
    private sealed class BreakingHandler(int afterBytes) : DelegatingHandler(new SocketsHttpHandler())
    {
        public bool Broke { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var inner = await response.Content.ReadAsStreamAsync(cancellationToken);
            var content = new StreamContent(new BreakingStream(inner, afterBytes, () => Broke = true));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
            return response;
        }
    }

    private sealed class BreakingStream(Stream inner, int afterBytes, Action broke) : Stream
    {
        private int _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= afterBytes)
            {
                broke();
                throw new IOException("The response ended prematurely (test).");
            }

            var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, afterBytes - _read)], cancellationToken);
            _read += read;
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
