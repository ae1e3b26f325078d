using Intake.Core.Digest.Flash;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Digest.Flash;

/// <summary>The (area, rule) window against a real Azurite table.</summary>
[Collection(StorageCollection.Name)]
public sealed class FlashWindowTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SixHours = TimeSpan.FromHours(6);
    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FlashWindow Window => _services.GetRequiredService<FlashWindow>();

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task TryClaimAsync_SixteenReportsRacing_ExactlyOneWins()
    {
        var reports = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToList();

        var claims = await Task.WhenAll(reports.Select(r => Task.Run(() => Window.TryClaimAsync("CF", "Ouaka", "mass-casualty", r, Noon, SixHours, Ct), Ct)));

        Assert.Single(claims, c => c is not null);
    }

    [Fact]
    public async Task TryClaimAsync_WithinWindow_SuppressedButTheWinnerKeepsItsFlashOnRedelivery()
    {
        var winner = Guid.NewGuid();
        var first = await Window.TryClaimAsync("CF", "Ouaka", "mass-casualty", winner, Noon, SixHours, Ct);

        var other = await Window.TryClaimAsync("CF", "Ouaka", "mass-casualty", Guid.NewGuid(), Noon.AddHours(5.9), SixHours, Ct);
        var again = await Window.TryClaimAsync("CF", "Ouaka", "mass-casualty", winner, Noon.AddHours(1), SixHours, Ct);
        var otherRule = await Window.TryClaimAsync("CF", "Ouaka", "humanitarian-attack", Guid.NewGuid(), Noon.AddHours(1), SixHours, Ct);
        var otherArea = await Window.TryClaimAsync("CF", "Vakaga", "mass-casualty", Guid.NewGuid(), Noon.AddHours(1), SixHours, Ct);

        Assert.NotNull(first);
        Assert.Null(other);
        Assert.Equal(first, again);
        Assert.NotNull(otherRule);
        Assert.NotNull(otherArea);
    }

    [Fact]
    public async Task TryClaimAsync_AfterTheWindow_ANewFlashWinsOnce()
    {
        await Window.TryClaimAsync("CF", "Ouaka / Bambari #1?", "mass-casualty", Guid.NewGuid(), Noon, SixHours, Ct);
        var later = Noon.AddHours(6).AddMinutes(1);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Window.TryClaimAsync("CF", "Ouaka / Bambari #1?", "mass-casualty", Guid.NewGuid(), later, SixHours, Ct), Ct)));

        Assert.Single(claims, c => c is not null);
    }
}
