using Intake.Core.Http;

namespace Intake.Core.Tests.Digest.Flash;

public sealed class WebhookUrlTests
{
    [Theory]
    [InlineData("https://alerts.example.org/intake")]
    [InlineData("https://203.0.113.7:8443/hook?x=1")]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]:8080/hook")]
    public void ValidateUrl_HttpsOrLoopbackHttp_Accepted(string url) => Assert.Null(FlashApi.ValidateUrl(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/relative/hook")]
    [InlineData("alerts.example.org/hook")]
    [InlineData("http://alerts.example.org/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("ftp://alerts.example.org/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@alerts.example.org/hook")]
    public void ValidateUrl_NotAbsoluteOrNotHttps_RefusedWithAReason(string? url) => Assert.NotNull(FlashApi.ValidateUrl(url));
}
