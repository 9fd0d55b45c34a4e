using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DroneDelivery.UnitTests.Security;

public sealed class ValidatedTokenCacheTests
{
    private static readonly Caller Owner = new("owner-1", new HashSet<string>());

    private readonly FakeTimeProvider _clock = new(TestTime.Start);

    [Fact]
    public void Find_BeforeExpiry_ReturnsTheCaller()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("token-a", Owner, _clock.GetUtcNow().AddMinutes(2));

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Same(Owner, cache.Find("token-a"));
    }

    [Fact]
    public void Find_AtOrAfterExpiry_ReturnsNothingAndForgetsTheToken()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("token-a", Owner, _clock.GetUtcNow().AddMinutes(2));

        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(cache.Find("token-a"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Find_LongLivedTokenAfterMaxAge_ReturnsNothing()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("token-a", Owner, _clock.GetUtcNow().AddHours(8));

        _clock.Advance(ValidatedTokenCache.MaxAge);

        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void Find_OtherToken_ReturnsNothing()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("token-a", Owner, _clock.GetUtcNow().AddMinutes(2));

        Assert.Null(cache.Find("token-b"));
        Assert.Null(cache.Find("TOKEN-A"));
    }

    [Fact]
    public void Add_AlreadyExpired_IsNotKept()
    {
        var cache = new ValidatedTokenCache(_clock);

        cache.Add("token-a", Owner, _clock.GetUtcNow());

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Add_BeyondCapacity_NeverHoldsMoreThanCapacity()
    {
        var cache = new ValidatedTokenCache(_clock);

        for (var i = 0; i < ValidatedTokenCache.Capacity * 2 + 10; i++)
        {
            cache.Add($"token-{i}", Owner, _clock.GetUtcNow().AddMinutes(2));
            Assert.True(cache.Count <= ValidatedTokenCache.Capacity);
        }

        Assert.Same(Owner, cache.Find($"token-{ValidatedTokenCache.Capacity * 2 + 9}"));
    }

    [Fact]
    public void Add_WhenFull_DropsExpiredTokensFirst()
    {
        var cache = new ValidatedTokenCache(_clock);
        for (var i = 0; i < ValidatedTokenCache.Capacity - 1; i++)
        {
            cache.Add($"short-{i}", Owner, _clock.GetUtcNow().AddMinutes(1));
        }

        cache.Add("long", Owner, _clock.GetUtcNow().AddMinutes(3));
        _clock.Advance(TimeSpan.FromMinutes(2));
        cache.Add("new", Owner, _clock.GetUtcNow().AddMinutes(3));

        Assert.Equal(2, cache.Count);
        Assert.Same(Owner, cache.Find("long"));
        Assert.Same(Owner, cache.Find("new"));
    }
}
