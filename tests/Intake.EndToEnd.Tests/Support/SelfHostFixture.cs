namespace Intake.EndToEnd.Tests.Support;

/// <summary>One self-host for the end-to-end collection, with the category <c>other</c> held so that the poison path can be driven.</summary>
public sealed class SelfHostFixture : IAsyncLifetime
{
    /// <summary>The category the processor refuses in these tests.</summary>
    public const string HeldCategory = "other";

    private SelfHostInstance? _host;

    /// <summary>The running host.</summary>
    public SelfHostInstance Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() =>
        _host = await SelfHostInstance.StartAsync(
            new Dictionary<string, string?> { ["Intake:HeldCategories"] = HeldCategory },
            cancellationToken: TestContext.Current.CancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
