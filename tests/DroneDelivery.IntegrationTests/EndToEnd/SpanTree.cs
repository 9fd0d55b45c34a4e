using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DroneDelivery.IntegrationTests.EndToEnd;

/// <summary>The spans of a trace as an indented tree: name, kind, duration, by start time under their parent.</summary>
public static class SpanTree
{
    public static string Render(IReadOnlyCollection<Activity> trace)
    {
        var ids = trace.Select(span => span.SpanId).ToHashSet();
        var children = trace.ToLookup(span => ids.Contains(span.ParentSpanId) ? span.ParentSpanId.ToHexString() : string.Empty);
        var text = new StringBuilder();
        Write(string.Empty, 0);
        return text.ToString();

        void Write(string parent, int depth)
        {
            foreach (var span in children[parent].OrderBy(span => span.StartTimeUtc))
            {
                text.Append(CultureInfo.InvariantCulture, $"{span.Duration.TotalMilliseconds,9:F1} ms  {new string(' ', depth * 2)}{span.DisplayName}  [{span.Kind}, {span.Source.Name}]\n");
                Write(span.SpanId.ToHexString(), depth + 1);
            }
        }
    }
}
