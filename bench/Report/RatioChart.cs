using System.Globalization;
using System.Security;
using System.Text;

namespace Bench.Report;

/// <summary>
/// bench/results/ratios.svg: one horizontal bar per benchmark case and tool (the primal
/// excepted: it is the line at 1×), its length the ratio on a log scale, grouped by case, with
/// decade ticks, a legend and the value at the end of each bar. Plain SVG with a white
/// background and no scripts or external fonts, so GitHub shows it as it is, in dark mode too.
/// </summary>
public static class RatioChart
{
    private const double Width = 960;
    private const double LabelWidth = 250;
    private const double RightMargin = 70;
    private const double Top = 70;
    private const double BarHeight = 13;
    private const double BarGap = 3;
    private const double GroupGap = 12;
    private const double AxisHeight = 40;

    /// <summary>A group's two label lines (benchmark, case) need this much height even for one bar.</summary>
    private const double MinimumGroupHeight = 28;

    /// <summary>Approximate advance of an 11 px sans-serif character, for laying out the legend.</summary>
    private const double CharacterWidth = 6.3;

    /// <summary>Colours by tool, fixed so the same tool has the same colour in every report.</summary>
    private static readonly (string Tool, string Colour)[] Palette =
    [
        ("enzyme-reverse", "#1f77b4"),
        ("enzyme-forward", "#17becf"),
        ("hand-written", "#2ca02c"),
        ("adolc-gradient", "#d62728"),
        ("adolc-tape+gradient", "#ff9896"),
        ("finite-differences", "#7f7f7f"),
    ];

    private const string OtherColour = "#9467bd";

    public static string Write(IReadOnlyList<BenchmarkResults> benchmarks)
    {
        var groups = new List<(string Benchmark, string Case, List<ResultRow> Bars)>();
        foreach (BenchmarkResults benchmark in benchmarks)
        {
            foreach (string @case in benchmark.Cases)
            {
                List<ResultRow> bars = benchmark.Rows
                    .Where(row => row.Case == @case && row.Tool != "primal" && row.Ratio > 0 && double.IsFinite(row.Ratio))
                    .OrderBy(row => ToolOrder(row.Tool))
                    .ToList();
                if (bars.Count > 0)
                {
                    groups.Add((benchmark.Benchmark, @case, bars));
                }
            }
        }

        IEnumerable<double> ratios = groups.SelectMany(g => g.Bars).Select(b => b.Ratio).Append(1.0);
        // Whole decades on each side, so every tick is a power of ten.
        int lowDecade = (int)Math.Floor(Math.Log10(ratios.Min()));
        int highDecade = Math.Max(lowDecade + 1, (int)Math.Ceiling(Math.Log10(ratios.Max())));
        double plotLeft = LabelWidth, plotWidth = Width - LabelWidth - RightMargin;
        double X(double ratio) => plotLeft + plotWidth * (Math.Log10(ratio) - lowDecade) / (highDecade - lowDecade);

        double plotHeight = groups.Sum(g => GroupHeight(g.Bars.Count) + GroupGap);
        List<string> tools = groups.SelectMany(g => g.Bars).Select(b => b.Tool).Distinct().OrderBy(ToolOrder).ToList();
        double legendHeight = LegendHeight(tools, plotLeft);
        double top = Top + legendHeight;
        double height = top + plotHeight + AxisHeight;
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">"));
        svg.AppendLine(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>"));
        svg.AppendLine(Invariant($"<text x=\"{plotLeft}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Derivative time ÷ primal time (log scale; lower is better)</text>"));
        WriteLegend(svg, tools, plotLeft);

        // Decade grid lines and labels, light minor lines at 2…9.
        double plotBottom = top + plotHeight;
        for (int decade = lowDecade; decade <= highDecade; decade++)
        {
            double x = X(Math.Pow(10, decade));
            svg.AppendLine(Invariant($"<line x1=\"{x:F1}\" y1=\"{top - 6}\" x2=\"{x:F1}\" y2=\"{plotBottom:F1}\" stroke=\"#bbbbbb\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{x:F1}\" y=\"{plotBottom + 16:F1}\" text-anchor=\"middle\">{DecadeLabel(decade)}</text>"));
            for (int minor = 2; minor <= 9 && decade < highDecade; minor++)
            {
                double xm = X(minor * Math.Pow(10, decade));
                svg.AppendLine(Invariant($"<line x1=\"{xm:F1}\" y1=\"{top - 6}\" x2=\"{xm:F1}\" y2=\"{plotBottom:F1}\" stroke=\"#eeeeee\"/>"));
            }
        }
        svg.AppendLine(Invariant($"<text x=\"{plotLeft + plotWidth / 2:F1}\" y=\"{plotBottom + 32:F1}\" text-anchor=\"middle\">ratio to the primal (1× = the objective itself)</text>"));

        double y = top;
        foreach ((string benchmark, string @case, List<ResultRow> bars) in groups)
        {
            double groupHeight = GroupHeight(bars.Count), groupTop = y;
            string label = $"{benchmark} · {@case}";
            svg.AppendLine(Invariant($"<text x=\"{plotLeft - 8}\" y=\"{y + groupHeight / 2 - 2:F1}\" text-anchor=\"end\" font-weight=\"bold\">{Escape(benchmark)}</text>"));
            svg.AppendLine(Invariant($"<text x=\"{plotLeft - 8}\" y=\"{y + groupHeight / 2 + 11:F1}\" text-anchor=\"end\">{Escape(@case)}</text>"));
            foreach (ResultRow bar in bars)
            {
                double x0 = X(Math.Pow(10, lowDecade)), x1 = X(bar.Ratio);
                string title = $"{label}, {bar.Tool}: {Format.Ratio(bar.Ratio)} ({Format.Seconds(bar.Seconds)}){(bar.Checked ? "" : ", NOT CHECKED")}";
                svg.AppendLine(Invariant($"<rect x=\"{x0:F1}\" y=\"{y:F1}\" width=\"{Math.Max(1, x1 - x0):F1}\" height=\"{BarHeight}\" fill=\"{Colour(bar.Tool)}\"><title>{Escape(title)}</title></rect>"));
                svg.AppendLine(Invariant($"<text x=\"{x1 + 4:F1}\" y=\"{y + BarHeight - 3:F1}\" fill=\"#333333\">{Escape(Format.Ratio(bar.Ratio))}{(bar.Checked ? "" : " ✗")}</text>"));
                y += BarHeight + BarGap;
            }
            y = groupTop + groupHeight;
            svg.AppendLine(Invariant($"<line x1=\"10\" y1=\"{y + GroupGap / 2 - BarGap:F1}\" x2=\"{Width - RightMargin}\" y2=\"{y + GroupGap / 2 - BarGap:F1}\" stroke=\"#f2f2f2\"/>"));
            y += GroupGap;
        }

        // The primal's line at 1×, over the bars.
        double one = X(1.0);
        svg.AppendLine(Invariant($"<line x1=\"{one:F1}\" y1=\"{top - 6}\" x2=\"{one:F1}\" y2=\"{plotBottom:F1}\" stroke=\"#000000\" stroke-dasharray=\"4,3\"/>"));
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double GroupHeight(int bars) => Math.Max(MinimumGroupHeight, bars * (BarHeight + BarGap));

    /// <summary>The legend's entries, left to right, wrapped onto a new line at the right margin.</summary>
    private static IEnumerable<(string Tool, double X, double Y)> LegendLayout(IReadOnlyList<string> tools, double left)
    {
        double x = left, y = 34;
        foreach (string tool in tools)
        {
            double entryWidth = 28 + CharacterWidth * tool.Length;
            if (x + entryWidth > Width - 10 && x > left)
            {
                x = left;
                y += 18;
            }
            yield return (tool, x, y);
            x += entryWidth;
        }
    }

    private static double LegendHeight(IReadOnlyList<string> tools, double left) =>
        tools.Count == 0 ? 0 : LegendLayout(tools, left).Max(entry => entry.Y) - 34;

    private static void WriteLegend(StringBuilder svg, IReadOnlyList<string> tools, double left)
    {
        foreach ((string tool, double x, double y) in LegendLayout(tools, left))
        {
            svg.AppendLine(Invariant($"<rect x=\"{x:F1}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{Colour(tool)}\"/>"));
            svg.AppendLine(Invariant($"<text x=\"{x + 16:F1}\" y=\"{y + 10}\">{Escape(tool)}</text>"));
        }
    }

    private static int ToolOrder(string tool)
    {
        int index = Array.FindIndex(Palette, entry => entry.Tool == tool);
        return index < 0 ? Palette.Length : index;
    }

    private static string Colour(string tool)
    {
        int index = Array.FindIndex(Palette, entry => entry.Tool == tool);
        return index < 0 ? OtherColour : Palette[index].Colour;
    }

    private static string DecadeLabel(int decade) =>
        decade >= 0 ? Math.Pow(10, decade).ToString("0", CultureInfo.InvariantCulture) + "×"
                    : Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture) + "×";

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
