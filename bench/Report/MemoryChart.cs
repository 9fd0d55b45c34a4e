using System.Globalization;
using System.Net;
using System.Text;
using DroneDelivery.Bench.Scenarios;

namespace DroneDelivery.Bench.Report;

/// <summary>
/// An SVG of a memory run over time: the host's working set (MiB, left axis), the Durable instances
/// its backend holds (right axis), the phases as shaded bands, and the fitted line over the second half of the load.
/// </summary>
public static class MemoryChart
{
    private const int Width = 900;
    private const int Height = 460;
    private const int Left = 70;
    private const int Right = 80;
    private const int Top = 40;
    private const int Bottom = 60;
    private const double MiB = 1024 * 1024;
    private const string MemoryColor = "#1f77b4";
    private const string InstancesColor = "#ff7f0e";
    private static readonly int[] NiceSteps = [1, 2, 5, 10];
    private static readonly string[] PhaseShades = ["#f4f4f4", "#ffffff", "#eef5fb", "#f4f4f4"];

    public static string Render(string title, MemoryReport report)
    {
        var samples = report.Samples;
        var endSeconds = Math.Max(1, samples.Count == 0 ? 1 : samples[^1].AtSeconds);
        var topMiB = NiceCeiling(Math.Max(1, report.PeakBytes / MiB));
        var topInstances = NiceCeiling(Math.Max(1, report.Progress.Count == 0 ? 1 : report.Progress.Max(sample => sample.Instances)));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double seconds) => Left + (plotWidth * seconds / endSeconds);
        double YMiB(double mib) => Top + (plotHeight * (1 - (mib / topMiB)));
        double YInstances(double count) => Top + (plotHeight * (1 - (count / topInstances)));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="white"/><text x="{Left}" y="22" font-size="15">{WebUtility.HtmlEncode(title)}</text>""").AppendLine();
        for (var phase = 0; phase < MemoryScenario.Phases.Count; phase++)
        {
            var inPhase = samples.Where(sample => sample.Phase == MemoryScenario.Phases[phase]).ToList();
            if (inPhase.Count > 0)
            {
                var from = X(inPhase[0].AtSeconds);
                var to = X(inPhase[^1].AtSeconds);
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{from:F1}" y="{Top}" width="{Math.Max(1, to - from):F1}" height="{plotHeight}" fill="{PhaseShades[phase]}"/><text x="{from + 4:F1}" y="{Top + 14}" fill="#777">{MemoryScenario.Phases[phase]["memory-".Length..]}</text>""").AppendLine();
            }
        }

        for (var step = 0; step <= 4; step++)
        {
            var mib = topMiB * step / 4;
            var y = YMiB(mib);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{y:F1}" x2="{Left + plotWidth}" y2="{y:F1}" stroke="#ddd"/><text x="{Left - 8}" y="{y + 4:F1}" text-anchor="end" fill="{MemoryColor}">{mib:F0} MiB</text><text x="{Left + plotWidth + 8}" y="{y + 4:F1}" fill="{InstancesColor}">{topInstances * step / 4:F0}</text>""").AppendLine();
        }

        for (var step = 0; step <= 6; step++)
        {
            var seconds = endSeconds * step / 6;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(seconds):F1}" y="{Top + plotHeight + 18}" text-anchor="middle">{seconds / 60:F1}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + (plotWidth / 2)}" y="{Height - 15}" text-anchor="middle">minutes (working set: blue, left, with the medians of the steady load's windows dashed red; Durable instances held: orange, right)</text>""").AppendLine();
        Polyline(svg, samples.Select(sample => (X(sample.AtSeconds), YMiB(sample.Bytes / MiB))), MemoryColor, 1.5);
        Polyline(svg, report.Progress.Select(sample => (X(sample.AtSeconds), YInstances(sample.Instances))), InstancesColor, 1.5);
        foreach (var window in report.WindowMedians)
        {
            var y = YMiB(window.Bytes / MiB);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{X(window.FromSeconds):F1}" y1="{y:F1}" x2="{X(window.ToSeconds):F1}" y2="{y:F1}" stroke="#d62728" stroke-width="2" stroke-dasharray="6 4"/>""").AppendLine();
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Polyline(StringBuilder svg, IEnumerable<(double X, double Y)> points, string color, double width)
    {
        var path = string.Join(' ', points.Select(point => string.Create(CultureInfo.InvariantCulture, $"{point.X:F1},{point.Y:F1}")));
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{color}" stroke-width="{width}" points="{path}"/>""").AppendLine();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="value"/>.</summary>
    public static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return NiceSteps.Select(step => step * power).First(candidate => candidate >= value);
    }
}
