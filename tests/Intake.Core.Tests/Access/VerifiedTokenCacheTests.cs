using Intake.Core.Access;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests.Access;

public sealed class VerifiedTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private StoredTokenRow Row(string id, DateTimeOffset? revokedAt = null) =>
        new(new AccessToken(id, CallerKind.Submitter, "phone", _time.GetUtcNow(), "test", revokedAt), [1], [2]);

    [Fact]
    public void Find_KeptRow_UntilItsLifetimeEnds()
    {
        var cache = new VerifiedTokenCache(_time);
        cache.Keep(Row("0123456789abcdef"));

        _time.Advance(VerifiedTokenCache.Lifetime - TimeSpan.FromSeconds(1));
        var before = cache.Find("0123456789abcdef");
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = cache.Find("0123456789abcdef");

        Assert.NotNull(before);
        Assert.Null(after);
    }

    [Fact]
    public void Keep_AfterForget_DoesNotKeepARowReadBeforeTheRevocation()
    {
        var cache = new VerifiedTokenCache(_time);
        cache.Forget("0123456789abcdef");

        cache.Keep(Row("0123456789abcdef"));
        var raced = cache.Find("0123456789abcdef");
        cache.Keep(Row("0123456789abcdef", _time.GetUtcNow()));

        Assert.Null(raced);
        Assert.True(cache.Find("0123456789abcdef")!.Token.IsRevoked);
    }

    [Fact]
    public void Keep_Full_DropsExpiredRowsFirstAndNeverGrowsPastTheBound()
    {
        var cache = new VerifiedTokenCache(_time);
        for (var i = 0; i < VerifiedTokenCache.MaxEntries; i++)
        {
            cache.Keep(Row($"{i:x16}"));
        }

        cache.Keep(Row("ffffffffffffffff"));
        var keptWhileFull = cache.Find("ffffffffffffffff");
        _time.Advance(VerifiedTokenCache.Lifetime);
        cache.Keep(Row("fffffffffffffffe"));

        Assert.Null(keptWhileFull);
        Assert.NotNull(cache.Find("fffffffffffffffe"));
        Assert.Equal(1, cache.Count);
    }
}
