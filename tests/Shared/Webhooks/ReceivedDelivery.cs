using System.Text.Json.Nodes;

namespace Intake.Testing.Webhooks;

/// <summary>One POST the receiver got.</summary>
/// <param name="DeliveryId">The <c>Intake-Delivery</c> header.</param>
/// <param name="SignatureValid">Whether <c>Intake-Signature</c> verified against the secret.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Timestamp">Arrival, as <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>.</param>
/// <param name="ArrivedAt">Arrival, wall clock.</param>
public sealed record ReceivedDelivery(string DeliveryId, bool SignatureValid, JsonObject Body, long Timestamp, DateTimeOffset ArrivedAt);
