using DroneDelivery.Contracts.Model;
using DroneDelivery.Contracts.Validation;

namespace DroneDelivery.UnitTests.Contracts;

public sealed class ConfirmationRulesTests
{
    private static readonly string Digest = new('a', 64);

    public static TheoryData<ConfirmationType, DeliveryConfirmation?> Satisfied() => new()
    {
        { ConfirmationType.None, null },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, "https://media.example/p/1.jpg", Digest) },
        { ConfirmationType.Voice, new DeliveryConfirmation(ConfirmationType.Voice, "https://media.example/v/1.ogg", Digest.ToUpperInvariant()) },
        { ConfirmationType.FingerPrint, new DeliveryConfirmation(ConfirmationType.FingerPrint, null, Digest) },
    };

    [Theory]
    [MemberData(nameof(Satisfied))]
    public void Check_TheConfirmationTheDeliveryRequires_HasNoErrors(ConfirmationType required, DeliveryConfirmation? given)
    {
        Assert.True(ConfirmationRules.Check(required, given).IsEmpty);
        Assert.True(ConfirmationRules.Satisfies(required, given));
    }

    public static TheoryData<ConfirmationType, DeliveryConfirmation?, string> Refused() => new()
    {
        { ConfirmationType.Picture, null, "confirmation" },
        { ConfirmationType.None, new DeliveryConfirmation(ConfirmationType.Picture, "https://media.example/p/1.jpg", Digest), "confirmation" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Voice, "https://media.example/v/1.ogg", Digest), "confirmation.type" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, "https://media.example/p/1.jpg", new string('a', 63)), "confirmation.sha256" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, "https://media.example/p/1.jpg", new string('g', 64)), "confirmation.sha256" },
        { ConfirmationType.Voice, new DeliveryConfirmation(ConfirmationType.Voice, "https://media.example/v/1.ogg", null), "confirmation.sha256" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, null, Digest), "confirmation.contentUri" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, "http://media.example/p/1.jpg", Digest), "confirmation.contentUri" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, "javascript:alert(1)", Digest), "confirmation.contentUri" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, "/relative/1.jpg", Digest), "confirmation.contentUri" },
        { ConfirmationType.Picture, new DeliveryConfirmation(ConfirmationType.Picture, "https://user:pw@media.example/1.jpg", Digest), "confirmation.contentUri" },
        { ConfirmationType.Voice, new DeliveryConfirmation(ConfirmationType.Voice, "https://media.example/" + new string('v', 2048), Digest), "confirmation.contentUri" },
        { ConfirmationType.FingerPrint, new DeliveryConfirmation(ConfirmationType.FingerPrint, "https://media.example/f.bin", Digest), "confirmation.contentUri" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_AnythingElse_NamesTheField(ConfirmationType required, DeliveryConfirmation? given, string field)
    {
        var errors = ConfirmationRules.Check(required, given).ToDictionary();

        Assert.Contains(field, errors.Keys);
        Assert.False(ConfirmationRules.Satisfies(required, given));
    }
}
