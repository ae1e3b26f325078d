using SkiaSharp;

namespace Intake.Core.Digest.Rendering;

/// <summary>
/// A small PNG bar chart of a region's incidents over the last 14 days (by occurrence date), the
/// digest day highlighted. It carries no text, so it needs no fonts on the host; the numbers are
/// in its alt text and in the message beside it.
/// </summary>
internal static class DigestChart
{
    /// <summary>Width in pixels.</summary>
    public const int Width = 420;

    /// <summary>Height in pixels.</summary>
    public const int Height = 120;

    private static readonly SKColor Background = new(0xF6, 0xF7, 0xF9);
    private static readonly SKColor Bar = new(0x5B, 0x7D, 0xB1);
    private static readonly SKColor Today = new(0xC0, 0x39, 0x2B);
    private static readonly SKColor Axis = new(0x9A, 0xA3, 0xAE);

    /// <summary>Renders the chart of a trend as PNG bytes.</summary>
    public static byte[] Render(OccurrenceTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var days = trend.Last14Days;
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(Background);
        const float left = 8, right = 8, top = 10, bottom = 12;
        var plotHeight = Height - top - bottom;
        var slot = (Width - left - right) / Math.Max(1, days.Count);
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Incidents));
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var i = 0; i < days.Count; i++)
        {
            var h = days[i].Incidents == 0 ? 1.5f : Math.Max(3f, plotHeight * days[i].Incidents / max);
            fill.Color = i == days.Count - 1 ? Today : days[i].Incidents == 0 ? Axis : Bar;
            var x = left + (i * slot) + (slot * 0.15f);
            canvas.DrawRoundRect(new SKRect(x, top + plotHeight - h, x + (slot * 0.7f), top + plotHeight), 2, 2, fill);
        }

        using var axis = new SKPaint { Color = Axis, StrokeWidth = 1, IsAntialias = false };
        canvas.DrawLine(left, top + plotHeight + 0.5f, Width - right, top + plotHeight + 0.5f, axis);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The chart in words, for its alt text.</summary>
    public static string AltText(string region, OccurrenceTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var days = trend.Last14Days;
        if (days.Count == 0)
        {
            return $"No incidents to chart for {region}.";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Bar chart of incidents per day in {region} by occurrence date, {days[0].Day:yyyy-MM-dd} to {days[^1].Day:yyyy-MM-dd}: {string.Join(", ", days.Select(d => d.Incidents))}; the last bar is the digest day.");
    }
}
