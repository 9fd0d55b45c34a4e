namespace DroneDelivery.Contracts.Model;

/// <summary>
/// The proof a drone brings with its <c>Delivered</c> report, of the kind the delivery requires
/// (<see cref="Delivery.ConfirmationRequired"/>): for a <see cref="ConfirmationType.Picture"/> or a
/// <see cref="ConfirmationType.Voice"/> recording, where the content is kept (<see cref="ContentUri"/>,
/// https) and its SHA-256; for a <see cref="ConfirmationType.FingerPrint"/>, only the SHA-256 of the
/// fingerprint (it never leaves the drone). Digests are 64 hexadecimal characters. The rules are
/// <see cref="Validation.ConfirmationRules"/>.
/// </summary>
public sealed record DeliveryConfirmation(ConfirmationType Type, string? ContentUri, string? Sha256);
