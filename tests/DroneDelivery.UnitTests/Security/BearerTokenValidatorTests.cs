using System.Security.Cryptography;
using System.Text;
using DroneDelivery.Platform.Security;
using DroneDelivery.UnitTests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace DroneDelivery.UnitTests.Security;

public sealed class BearerTokenValidatorTests
{
    private readonly BearerTokenValidator _validator = TestCallers.Validator();

    [Fact]
    public async Task Validate_ValidToken_NamesTheOwnerAndRoles()
    {
        var check = await _validator.ValidateAsync(TestCallers.Token("owner-1", DeliveryRoles.Partner), CancellationToken.None);

        Assert.Null(check.Failure);
        Assert.Equal("owner-1", check.Caller!.OwnerId);
        Assert.Equal([DeliveryRoles.Partner], check.Caller.Roles);
    }

    [Fact]
    public async Task Validate_ConfiguredOwnerClaim_ReadsThatClaim()
    {
        var validator = TestCallers.Validator(options => options.OwnerClaim = "oid");
        var token = TestCallers.Mint(new() { ["sub"] = "pairwise-subject", ["oid"] = "5f1c7c1e-0000-4000-8000-000000000001" });

        var check = await validator.ValidateAsync(token, CancellationToken.None);

        Assert.Equal("5f1c7c1e-0000-4000-8000-000000000001", check.Caller!.OwnerId);
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "expired", TestCallers.Mint(new() { ["sub"] = "owner-1" }, expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "other issuer", TestCallers.Mint(new() { ["sub"] = "owner-1" }, issuer: "https://evil.test") },
        { "other audience", TestCallers.Mint(new() { ["sub"] = "owner-1" }, audience: "api://another-api") },
        { "signed with an unknown key", TestCallers.Mint(new() { ["sub"] = "owner-1" }, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" }) },
        { "no subject", TestCallers.Mint(new() { ["name"] = "someone" }) },
        { "subject that is no owner id", TestCallers.Mint(new() { ["sub"] = "owner/1 <script>" }) },
        { "unsigned (alg none)", Unsigned("""{"sub":"owner-1","iss":"https://issuer.test","aud":"api://dronedelivery-test","exp":4102444800}""") },
        { "not a JWT", "not-a-token" },
        { "over 8 KB", TestCallers.Mint(new() { ["sub"] = "owner-1", ["padding"] = new string('x', 9000) }) },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Validate_BadToken_IsRefusedWithAReason(string kind, string token)
    {
        var check = await _validator.ValidateAsync(token, CancellationToken.None);

        Assert.True(check.Caller is null, kind);
        Assert.False(string.IsNullOrEmpty(check.Failure));
        Assert.DoesNotContain(token, check.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Validate_TamperedPayload_IsRefused_AlsoAfterTheGenuineTokenWasAccepted(bool genuineAcceptedFirst)
    {
        var genuine = TestCallers.Token("owner-1");
        if (genuineAcceptedFirst)
        {
            Assert.NotNull((await _validator.ValidateAsync(genuine, CancellationToken.None)).Caller);
        }

        var parts = genuine.Split('.');
        parts[1] = Base64UrlEncoder.Encode("""{"sub":"owner-2","iss":"https://issuer.test","aud":"api://dronedelivery-test","exp":4102444800}""");

        var check = await _validator.ValidateAsync(string.Join('.', parts), CancellationToken.None);

        Assert.Null(check.Caller);
        Assert.Equal("the token's signature does not verify", check.Failure);
    }

    [Fact]
    public async Task Validate_RepeatedToken_IsServedWithoutCheckingTheSignatureAgain()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rotating-key" };
        var options = Options.Create(new AuthOptions { Issuer = TestCallers.Issuer, Audience = TestCallers.Audience });
        options.Value.SigningKeys.Add(key);
        var validator = new BearerTokenValidator(options, TimeProvider.System);
        var token = TestCallers.Mint(new() { ["sub"] = "owner-1" }, key: key);
        Assert.NotNull((await validator.ValidateAsync(token, CancellationToken.None)).Caller);

        // The issuer withdraws the key: only the remembered validation can still admit the token.
        options.Value.SigningKeys.Clear();
        var again = await validator.ValidateAsync(token, CancellationToken.None);
        var unseen = await validator.ValidateAsync(TestCallers.Mint(new() { ["sub"] = "owner-1", ["n"] = 2 }, key: key), CancellationToken.None);

        Assert.Equal("owner-1", again.Caller!.OwnerId);
        Assert.Null(unseen.Caller);
    }

    [Fact]
    public async Task Validate_ValidatedTokenAfterItsExpiry_IsRefused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var validator = TestCallers.Validator(clock: clock);
        var token = TestCallers.Mint(new() { ["sub"] = "owner-1" }, expires: clock.GetUtcNow().UtcDateTime.AddMinutes(3));
        Assert.NotNull((await validator.ValidateAsync(token, CancellationToken.None)).Caller);

        clock.Advance(TimeSpan.FromMinutes(2));
        var beforeExpiry = await validator.ValidateAsync(token, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        var afterExpiry = await validator.ValidateAsync(token, CancellationToken.None);

        Assert.Equal("owner-1", beforeExpiry.Caller!.OwnerId);
        Assert.Null(afterExpiry.Caller);
        Assert.Equal("the token has expired", afterExpiry.Failure);
    }

    [Fact]
    public async Task Validate_AnotherCallersToken_NamesThatCaller()
    {
        Assert.Equal("owner-1", (await _validator.ValidateAsync(TestCallers.Token("owner-1"), CancellationToken.None)).Caller!.OwnerId);

        var other = await _validator.ValidateAsync(TestCallers.Token("owner-2", DeliveryRoles.Admin), CancellationToken.None);

        Assert.Equal("owner-2", other.Caller!.OwnerId);
        Assert.True(other.Caller.IsAdmin);
    }

    [Fact]
    public void Construct_WithoutIssuerOrAudience_FailsAtStartUp()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TestCallers.Validator(options => options.Audience = null));

        Assert.Contains("Auth__Audience", exception.Message, StringComparison.Ordinal);
    }

    private static string Unsigned(string payload) =>
        $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.";
}
