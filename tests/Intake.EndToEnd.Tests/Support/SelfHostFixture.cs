using System.Globalization;
using Intake.Testing.Smtp;

namespace Intake.EndToEnd.Tests.Support;

/// <summary>
/// One self-host for the end-to-end collection, with the category <c>other</c> held so that the
/// poison path can be driven, and a real SMTP server in the test run as its digest relay.
/// </summary>
public sealed class SelfHostFixture : IAsyncLifetime
{
    /// <summary>The category the processor refuses in these tests.</summary>
    public const string HeldCategory = "other";

    /// <summary>The OpenRosa request limit in these tests: small, so that oversized requests stay cheap.</summary>
    public const int MaxOpenRosaRequestBytes = 1024 * 1024;

    /// <summary>The OpenRosa attachment limit in these tests.</summary>
    public const int MaxOpenRosaAttachmentBytes = 512 * 1024;

    private SelfHostInstance? _host;

    /// <summary>The SMTP server the host sends digests to.</summary>
    public RecordingSmtpServer Smtp { get; } = RecordingSmtpServer.Start();

    /// <summary>The running host.</summary>
    public SelfHostInstance Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() =>
        _host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?>
            {
                ["Intake:HeldCategories"] = HeldCategory,
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Smtp:From"] = "digest@intake.test",
                ["Intake:OpenRosa:MaxRequestBytes"] = MaxOpenRosaRequestBytes.ToString(CultureInfo.InvariantCulture),
                ["Intake:OpenRosa:MaxAttachmentBytes"] = MaxOpenRosaAttachmentBytes.ToString(CultureInfo.InvariantCulture),
            },
            location: null,
            SelfHostInstance.QuickQueueRetries,
            TestContext.Current.CancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Smtp.DisposeAsync();
    }
}
