using ScottPlot;

namespace Stoa.Basc.Plots;

/// <summary>
/// PNG figures of a run, drawn with ScottPlot: the map with the catalogue, flux posteriors and traces. A package of its
/// own because ScottPlot brings SkiaSharp and HarfBuzz native libraries (~155 MB) that a headless pipeline does not want.
/// </summary>
public static class ResultPlots
{
    /// <summary>
    /// Writes the three figures of a run into <paramref name="directory"/> (created if missing): <c>map.png</c>
    /// (<see cref="SaveMap"/>), <c>flux_histograms.png</c> (<see cref="SaveFluxHistograms"/>) and <c>traces.png</c>
    /// (<see cref="SaveTraces"/>), beside what <c>ResultWriter.WriteAll</c> writes.
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="map">The dirty map the run searched.</param>
    /// <param name="directory">Destination directory.</param>
    /// <returns>The paths written, in the order above.</returns>
    public static IReadOnlyList<string> SaveAll(SourceFinderResult result, SkyImage map, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(map);
        Directory.CreateDirectory(directory);
        string[] written = [Path.Combine(directory, "map.png"), Path.Combine(directory, "flux_histograms.png"), Path.Combine(directory, "traces.png")];
        // Three independent plots, rendered concurrently (ScottPlot 5 renders separate plots on separate threads): on a
        // busy machine two threads get twice the CPU share of one.
        Parallel.Invoke(
            () => SaveMap(map, result, written[0]),
            () => SaveFluxHistograms(result, written[1]),
            () => SaveTraces(result, written[2]));
        return written;
    }

    /// <summary>
    /// Draws the dirty map (y up, pixel centres at integers as in the catalogue) with each catalogue source circled and
    /// numbered in catalogue order, and the searched square outlined.
    /// </summary>
    /// <param name="map">The dirty map the run used.</param>
    /// <param name="result">The run.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="size">Image side in pixels.</param>
    public static void SaveMap(SkyImage map, SourceFinderResult result, string path, int size = 900)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        int w = map.Width, h = map.Height;
        var data = new double[h, w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                data[h - 1 - y, x] = map[x, y]; // first row of the heatmap is drawn at the top
            }
        }

        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(-0.5, w - 0.5, -0.5, h - 0.5);
        plot.Add.ColorBar(heatmap, Edge.Right).Label = "Jy/beam";
        var area = result.SearchArea;
        var box = plot.Add.Rectangle(area.X - 0.5, area.X + area.Width - 0.5, area.Y - 0.5, area.Y + area.Height - 0.5);
        box.FillStyle.Color = Colors.Transparent;
        box.LineStyle.Color = Colors.White.WithAlpha(0.6);
        box.LineStyle.Pattern = LinePattern.Dashed;
        int index = 1;
        foreach (var s in result.Catalogue)
        {
            plot.Add.Marker(s.X, s.Y, MarkerShape.OpenCircle, 18, Colors.Red);
            var label = plot.Add.Text(index.ToString(System.Globalization.CultureInfo.InvariantCulture), s.X + (w / 100.0) + 2, s.Y + (h / 100.0) + 2);
            label.LabelFontColor = Colors.Red;
            label.LabelFontSize = 14;
            index++;
        }

        plot.Title($"{Path.GetFileName(map.Source ?? "map")}: {result.Catalogue.Count} source(s), σ = {result.Sigma:G3} Jy/beam");
        plot.XLabel("x (pixel, NAXIS1)");
        plot.YLabel("y (pixel, NAXIS2)");
        plot.Axes.SetLimits(-0.5, w - 0.5, -0.5, h - 0.5);
        plot.SavePng(path, size + 120, size);
    }

    /// <summary>One histogram per catalogue source of the per-sample summed flux, with the 16/50/84 % quantiles marked.</summary>
    /// <param name="result">The run.</param>
    /// <param name="path">PNG file to write.</param>
    /// <param name="maxSources">At most this many sources (the brightest) are drawn.</param>
    public static void SaveFluxHistograms(SourceFinderResult result, string path, int maxSources = 16)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sources = result.Catalogue.Take(maxSources).ToList();
        var plots = new List<Plot>();
        int index = 1;
        foreach (var s in sources)
        {
            var plot = new Plot();
            var values = s.FluxSamples.Select(f => f * 1e3).ToArray();
            double min = values.Min(), max = values.Max();
            if (max <= min)
            {
                max = min + 1e-9;
            }

            int bins = Math.Clamp((int)Math.Sqrt(values.Length), 5, 40);
            double width = (max - min) / bins;
            var counts = new double[bins];
            foreach (double v in values)
            {
                counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
            }

            var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => min + ((i + 0.5) * width)), counts);
            foreach (var bar in bars.Bars)
            {
                bar.Size = width;
                bar.LineWidth = 0;
            }

            foreach (var (q, pattern) in new[] { (s.FluxLow, LinePattern.Dashed), (s.Flux, LinePattern.Solid), (s.FluxHigh, LinePattern.Dashed) })
            {
                var line = plot.Add.VerticalLine(q * 1e3);
                line.LinePattern = pattern;
                line.Color = Colors.Black;
            }

            plot.Title($"#{index} ({s.X:F1}, {s.Y:F1})  p = {s.DetectionProbability:F2}");
            plot.XLabel("flux (mJy)");
            plots.Add(plot);
            index++;
        }

        if (plots.Count == 0)
        {
            var empty = new Plot();
            empty.Title("no sources in the catalogue");
            empty.SavePng(path, 600, 400);
            return;
        }

        int cols = Math.Min(4, plots.Count);
        int rows = (plots.Count + cols - 1) / cols;
        SaveGrid(plots, rows, cols, path, 360 * cols, 280 * rows);
    }

    /// <summary>Traces of the number of sources and of log L against the recorded sample index.</summary>
    /// <param name="result">The run.</param>
    /// <param name="path">PNG file to write.</param>
    public static void SaveTraces(SourceFinderResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Signal plots draw one min–max bar per screen column, so a trace of millions of samples costs what one of a
        // thousand does (a scatter of every sample grew with the chain).
        var count = new Plot();
        count.Add.Signal(result.Samples.Select(s => (double)s.Count).ToArray()).MarkerSize = 0;
        count.YLabel("number of sources K");
        count.Title($"{result.Samples.Count} samples from {result.Options.EnsembleSize} walkers, {result.Evaluations:N0} evaluations");
        var logL = new Plot();
        logL.Add.Signal(result.Samples.Select(s => s.LogL).ToArray()).MarkerSize = 0;
        logL.YLabel("log L");
        // Said on the figure: a column stands for many samples once they outnumber the pixels.
        logL.XLabel(result.Samples.Count > 1000 ? "sample (each pixel column spans the min–max of its samples)" : "sample");
        SaveGrid([count, logL], 2, 1, path, 1000, 700);
    }

    private static void SaveGrid(List<Plot> plots, int rows, int cols, string path, int width, int height)
    {
        var multiplot = new Multiplot();
        while (multiplot.Subplots.Count > 0)
        {
            multiplot.Subplots.RemoveAt(0);
        }

        foreach (var p in plots)
        {
            multiplot.Subplots.Add(p);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, cols);
        multiplot.SavePng(path, width, height);
    }
}
