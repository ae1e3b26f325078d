using Intake.Core.Admin;
using Intake.Core.Places;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Core.Tests.Places;

[Collection(StorageCollection.Name)]
public sealed class PlaceAliasStoreTests(StorageFixture storage) : IAsyncLifetime
{
    private readonly ServiceProvider _services = storage.BuildServices();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlaceAliasStore Store => _services.GetRequiredService<PlaceAliasStore>();

    public async ValueTask InitializeAsync() => await storage.ClearAsync(Ct);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task AddAsync_NewAlias_ListedAndResolvedAfterRefresh()
    {
        var cache = _services.GetRequiredService<CachedPlaceAliases>();
        var resolver = _services.GetRequiredService<PlaceResolver>();
        Assert.Equal(PlaceMatch.Unresolved, resolver.Resolve(13.45, 22.44, "SD", "Dar Masalit").Method);

        var stored = await Store.AddAsync(new PlaceAlias(" Dar Masalit ", "sd-dw"), "admin-1", Ct);
        var changed = await cache.RefreshAsync(Ct);

        Assert.Equal(new PlaceAlias("Dar Masalit", "SD-DW"), stored);
        Assert.True(changed);
        Assert.Equal([stored], await Store.ListAsync(Ct));
        var result = resolver.Resolve(13.45, 22.44, "SD", "DAR-MASALIT");
        Assert.Equal(("SD-DW", PlaceMatch.Alias), (result.Admin1Code, result.Method));
    }

    [Fact]
    public async Task AddAsync_SameNameSpelledOtherwise_OneAliasPointingAtTheNewCode()
    {
        await Store.AddAsync(new PlaceAlias("Dar Masalit", "SD-DW"), "admin-1", Ct);

        await Store.AddAsync(new PlaceAlias("dar  masalit.", "SD-DC"), "admin-2", Ct);

        Assert.Equal([new PlaceAlias("dar  masalit.", "SD-DC")], await Store.ListAsync(Ct));
    }

    [Fact]
    public async Task AddAsync_ThroughTheAdmin_UnknownCode_RejectedAndNothingStored()
    {
        var admin = _services.GetRequiredService<PlaceAliasAdmin>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await Assert.ThrowsAsync<ArgumentException>(() => admin.AddAsync(new PlaceAlias("Atlantis", "SD-XX"), "admin-1", new DayWindow(today, today), Ct));

        Assert.Empty(await Store.ListAsync(Ct));
    }

    [Fact]
    public async Task AddAsync_CodeThatIsNoSubdivisionCode_Rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAsync(new PlaceAlias("Atlantis", "SD"), "admin-1", Ct));

        Assert.Empty(await Store.ListAsync(Ct));
    }

    [Fact]
    public async Task RemoveAsync_ExistingAlias_GoneAndUnresolvedAfterRefresh()
    {
        var cache = _services.GetRequiredService<CachedPlaceAliases>();
        await Store.AddAsync(new PlaceAlias("Dar Masalit", "SD-DW"), "admin-1", Ct);
        await cache.RefreshAsync(Ct);

        var removed = await Store.RemoveAsync("SD", "DAR MASALIT", Ct);
        await cache.RefreshAsync(Ct);

        Assert.True(removed);
        Assert.Empty(cache.Current);
        Assert.Equal(PlaceMatch.Unresolved, _services.GetRequiredService<PlaceResolver>().Resolve(13.45, 22.44, "SD", "Dar Masalit").Method);
    }

    [Fact]
    public async Task EnsureReadSinceAsync_AliasAddedAfterAnotherInstanceRead_ThatInstanceReadsItAgain()
    {
        await using var otherInstance = storage.BuildServices();
        var otherCache = otherInstance.GetRequiredService<CachedPlaceAliases>();
        await otherCache.RefreshAsync(Ct);
        await Store.AddAsync(new PlaceAlias("Dar Masalit", "SD-DW"), "admin-1", Ct);
        var asOf = DateTimeOffset.UtcNow;

        await otherCache.EnsureReadSinceAsync(asOf, Ct);

        Assert.Equal([new PlaceAlias("Dar Masalit", "SD-DW")], otherCache.Current);
        Assert.True(otherCache.ReadAt >= asOf);
    }
}
