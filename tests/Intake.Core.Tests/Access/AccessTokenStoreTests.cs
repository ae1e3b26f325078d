using Azure.Data.Tables;
using Intake.Core.Access;
using Intake.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests.Access;

/// <summary>
/// Verified token rows are kept for <see cref="VerifiedTokenCache.Lifetime"/>: two stores over the
/// same table stand for two instances of the app.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class AccessTokenStoreTests(StorageFixture storage) : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services ??= storage.BuildServices(_time);

    private AccessTokenStore Instance() => new(Services.GetRequiredService<TableServiceClient>(), _time);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>The stored last-used time, in whole milliseconds (what the emulator keeps); null when never written.</summary>
    private async Task<long?> StoredLastUseAsync(string id) =>
        (await Services.GetRequiredService<TableServiceClient>().GetTableClient(Intake.Core.Configuration.StorageNames.AccessTokensTable)
            .GetEntityAsync<TableEntity>("token", id, cancellationToken: Ct)).Value.GetDateTimeOffset("LastUsedAt")?.ToUnixTimeMilliseconds();

    [Fact]
    public async Task VerifyAsync_TokenWithExpiry_WorksUntilThenIsRefusedEvenFromTheCache()
    {
        var store = Instance();
        var issued = await store.CreateAsync(CallerKind.Submitter, "campaign week", "test", _time.GetUtcNow().AddHours(1), Ct);
        Assert.NotNull(await store.VerifyAsync(issued.Secret, Ct));

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await store.VerifyAsync(issued.Secret, Ct));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await store.VerifyAsync(issued.Secret, Ct));
        Assert.Equal(issued.Token.ExpiresAt?.ToUnixTimeSeconds(), (await store.ListAsync(Ct).FirstAsync(t => t.Id == issued.Token.Id, Ct)).ExpiresAt?.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task VerifyAsync_BusyToken_WritesItsLastUseAtMostOncePerPrecision()
    {
        var store = Instance();
        var issued = await store.CreateAsync(CallerKind.Submitter, "busy phone", "test", Ct);
        Assert.Null(await StoredLastUseAsync(issued.Token.Id));
        var first = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await store.VerifyAsync(issued.Secret, Ct);
        Assert.Equal(first, await StoredLastUseAsync(issued.Token.Id));

        // Within the precision, from the cached row (read before the write) and after it expired: no write.
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await store.VerifyAsync(issued.Secret, Ct);
        }

        Assert.Equal(first, await StoredLastUseAsync(issued.Token.Id));
        // Another instance reads the stored time and does not write either.
        await Instance().VerifyAsync(issued.Secret, Ct);
        Assert.Equal(first, await StoredLastUseAsync(issued.Token.Id));

        _time.Advance(AccessTokenStore.LastUsedPrecision);
        var later = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await store.VerifyAsync(issued.Secret, Ct);

        Assert.Equal(later, await StoredLastUseAsync(issued.Token.Id));
        Assert.Equal(later, (await store.ListAsync(Ct).FirstAsync(t => t.Id == issued.Token.Id, Ct)).LastUsedAt?.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task VerifyAsync_RevokedOnAnotherInstance_AcceptedUntilTheCacheLifetimeEnds()
    {
        var here = Instance();
        var there = Instance();
        var issued = await here.CreateAsync(CallerKind.Submitter, "phone", "test", Ct);
        Assert.NotNull(await here.VerifyAsync(issued.Secret, Ct));

        await there.RevokeAsync(issued.Token.Id, Ct);
        var justAfter = await here.VerifyAsync(issued.Secret, Ct);
        _time.Advance(VerifiedTokenCache.Lifetime);
        var afterLifetime = await here.VerifyAsync(issued.Secret, Ct);

        Assert.NotNull(justAfter);
        Assert.Null(afterLifetime);
        Assert.Null(await there.VerifyAsync(issued.Secret, Ct));
    }

    [Fact]
    public async Task VerifyAsync_CampaignToken_CarriesItsTermsAndFailsAtExpiryEvenWhenCached()
    {
        var here = Instance();
        var issued = await here.CreateCampaignAsync("market watch", ["SD"], new CampaignTerms(["ar", "en"], 25), _time.GetUtcNow().AddHours(1), "test", Ct);
        Assert.StartsWith($"icmp.{issued.Token.Id}.", issued.Secret, StringComparison.Ordinal);

        var verified = await here.VerifyAsync(issued.Secret, Ct);
        // Presented as another kind (a submitter prefix on the same id and secret), it proves nothing.
        var asSubmitter = await Instance().VerifyAsync("isub" + issued.Secret[4..], Ct);
        _time.Advance(TimeSpan.FromHours(1));
        var expired = await here.VerifyAsync(issued.Secret, Ct);

        Assert.NotNull(verified);
        Assert.Equal(CallerKind.Campaign, verified.Kind);
        Assert.Equal(["ar", "en"], verified.Campaign!.Languages);
        Assert.Equal(25, verified.Campaign.DailyQuota);
        Assert.Equal(["SD"], verified.Regions);
        Assert.Null(asSubmitter);
        Assert.Null(expired);
    }

    [Fact]
    public async Task VerifyAsync_RevokedOnThisInstanceAfterACachedUse_RefusedAtOnce()
    {
        var here = Instance();
        var issued = await here.CreateAsync(CallerKind.Admin, "ops", "test", Ct);
        Assert.NotNull(await here.VerifyAsync(issued.Secret, Ct));

        await here.RevokeAsync(issued.Token.Id, Ct);

        Assert.Null(await here.VerifyAsync(issued.Secret, Ct));
    }

    [Fact]
    public async Task VerifyAsync_CachedRow_StillChecksTheSecret()
    {
        var here = Instance();
        var issued = await here.CreateAsync(CallerKind.Submitter, "phone", "test", Ct);
        Assert.NotNull(await here.VerifyAsync(issued.Secret, Ct));
        var altered = issued.Secret[..^1] + (issued.Secret[^1] == 'A' ? 'B' : 'A');

        Assert.Null(await here.VerifyAsync(altered, Ct));
        Assert.Null(await here.VerifyAsync("iadm" + issued.Secret[4..], Ct));
    }
}
