using System.Globalization;
using System.Text;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Report;

/// <summary>One round of a webhook comparison: the same backlog flown to Completed for an owner without webhooks, then for one whose receiver is dead.</summary>
public sealed record WebhookRound(PhaseResult WithoutWebhook, PhaseResult WithDeadReceiver);

/// <summary>A webhook comparison (<c>--webhook-comparison</c>) as written to <c>webhooks.json</c>, and its Markdown table.</summary>
public sealed record WebhookComparison(DateTimeOffset StartedAt, string Command, MachineInfo Machine, IReadOnlyList<WebhookRound> Rounds, int AttemptsListed)
{
    /// <summary>Deliveries/s with a dead receiver as a fraction of deliveries/s without a webhook, over all rounds.</summary>
    public double Ratio => PhaseResult.Ratio(Rate(round => round.WithDeadReceiver), Rate(round => round.WithoutWebhook));

    public string ToMarkdown()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{Machine.Cores} cores ({Machine.CpuModel}), {Machine.RamGiB} GiB RAM; load average at the end {Machine.LoadAverage}");
        table.AppendLine();
        table.AppendLine("| Round | without a webhook: completed | s | deliveries/s | with a dead receiver: completed | s | deliveries/s | dead / without |");
        table.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        var number = 0;
        foreach (var (without, with) in Rounds)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {++number} | {Count(without)} | {without.Seconds:F1} | {without.PerSecond:F1} | {Count(with)} | {with.Seconds:F1} | {with.PerSecond:F1} | {with.RatioTo(without):F2}× |");
        }

        table.AppendLine(CultureInfo.InvariantCulture,
            $"| all | | | {Rate(round => round.WithoutWebhook):F1} | | | {Rate(round => round.WithDeadReceiver):F1} | {Ratio:F2}× |");
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"The dead receiver's latest attempts listed by `GET /api/webhooks/{{id}}/attempts`: {AttemptsListed}.");
        return table.ToString();
    }

    private double Rate(Func<WebhookRound, PhaseResult> side)
    {
        var seconds = Rounds.Sum(round => side(round).Seconds);
        return seconds <= 0 ? 0 : Rounds.Sum(round => side(round).Succeeded) / seconds;
    }

    private static string Count(PhaseResult phase) =>
        phase.Failed == 0 ? phase.Succeeded.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{phase.Succeeded} ({phase.Failed} not)");
}
