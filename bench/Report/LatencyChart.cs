using System.Globalization;
using System.Net;
using System.Text;
using DroneDelivery.Bench.Measurement;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// An SVG latency-percentile chart, written by the tool itself: one line per phase, the
/// percentile on the horizontal axis (evenly spaced labels), the latency on a logarithmic vertical axis.
/// </summary>
public static class LatencyChart
{
    private const int Width = 900;
    private const int Height = 500;
    private const int Left = 70;
    private const int Right = 300;
    private const int Top = 40;
    private const int Bottom = 60;
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    public static string Render(string title, IEnumerable<PhaseResult> phases)
    {
        var lines = phases.Where(phase => phase.Latency.Count > 0).ToList();
        var values = lines.SelectMany(phase => phase.Latency.Curve).Where(value => value > 0).DefaultIfEmpty(1).ToList();
        var lowDecade = Math.Floor(Math.Log10(values.Min()));
        var highDecade = Math.Max(Math.Ceiling(Math.Log10(values.Max())), lowDecade + 1);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var points = LatencySummary.CurvePercentiles;
        double X(int index) => Left + (plotWidth * index / (double)(points.Count - 1));
        double Y(double ms) => Top + (plotHeight * (highDecade - Math.Log10(Math.Max(ms, Math.Pow(10, lowDecade)))) / (highDecade - lowDecade));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="white"/><text x="{Left}" y="22" font-size="15">{WebUtility.HtmlEncode(title)}</text>""").AppendLine();
        for (var decade = lowDecade; decade <= highDecade; decade++)
        {
            var y = Y(Math.Pow(10, decade));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{y:F1}" x2="{Left + plotWidth}" y2="{y:F1}" stroke="#ddd"/><text x="{Left - 8}" y="{y + 4:F1}" text-anchor="end">{Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture)} ms</text>""").AppendLine();
        }

        for (var index = 0; index < points.Count; index++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{X(index):F1}" y1="{Top}" x2="{X(index):F1}" y2="{Top + plotHeight}" stroke="#eee"/><text x="{X(index):F1}" y="{Top + plotHeight + 18}" text-anchor="middle">p{points[index].ToString(CultureInfo.InvariantCulture)}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + (plotWidth / 2)}" y="{Height - 15}" text-anchor="middle">percentile</text>""").AppendLine();
        for (var line = 0; line < lines.Count; line++)
        {
            var color = Colors[line % Colors.Length];
            var curve = lines[line].Latency.Curve;
            var path = string.Join(' ', curve.Select((ms, index) => string.Create(CultureInfo.InvariantCulture, $"{X(index):F1},{Y(ms):F1}")));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>""").AppendLine();
            var legendY = Top + 10 + (line * 20);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Width - Right + 15}" y1="{legendY}" x2="{Width - Right + 35}" y2="{legendY}" stroke="{color}" stroke-width="3"/><text x="{Width - Right + 40}" y="{legendY + 4}">{WebUtility.HtmlEncode(lines[line].Name)}</text>""").AppendLine();
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
