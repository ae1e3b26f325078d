using Intake.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Intake.Core.Tests.Http;

public sealed class RequestBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(1_500, true)]
    [InlineData(100_000, true)]
    [InlineData(100_000, false)]
    [InlineData(300_000, false)]
    public async Task ReadAsync_BodyWithinTheLimit_ReturnsItsExactBytes(int size, bool declared)
    {
        var body = Bytes(size);

        var read = await RequestBody.ReadAsync(Request(body, declared), limit: 300_000, Ct);

        Assert.Equal(body, read!.Value.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_BodyOneByteOverTheLimit_ReturnsNull(bool declared)
    {
        var read = await RequestBody.ReadAsync(Request(Bytes(1_001), declared), limit: 1_000, Ct);

        Assert.Null(read);
    }

    [Fact]
    public async Task ReadAsync_BodyArrivingInSmallPieces_ReturnsItWhole()
    {
        var body = Bytes(50_000);
        var request = new DefaultHttpContext().Request;
        request.Body = new TricklingStream(body, piece: 7);

        var read = await RequestBody.ReadAsync(request, limit: 60_000, Ct);

        Assert.Equal(body, read!.Value.ToArray());
    }

    private static byte[] Bytes(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)(i * 31))];

    private static HttpRequest Request(byte[] body, bool declared)
    {
        var request = new DefaultHttpContext().Request;
        request.Body = new MemoryStream(body);
        request.ContentLength = declared ? body.Length : null;
        return request;
    }

    /// <summary>A body that a slow network hands over a few bytes at a time.</summary>
    private sealed class TricklingStream(byte[] content, int piece) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
