using System.Globalization;
using EnvTool.Standards;

namespace EnvTool.Cli.Commands.Store;

/// <summary>
/// The amounts gc options take. Durations: one or more number-unit pairs, units s, m, h, d, w
/// (<c>30d</c>, <c>1h30m</c>, <c>0s</c>). Sizes: bytes, or a number with K, M, G, T (powers of 1024,
/// as du and df print them; KiB, MiB... alike) or KB, MB, GB, TB (powers of 1000).
/// </summary>
internal static class QuantityText
{
    public static TimeSpan ParseDuration(string text)
    {
        if (text.Length == 0) throw new ParseException("duration", text, -1, "it is empty", "write e.g. 30d, 12h, 90m or 1h30m");
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == start) throw new ParseException("duration", text, i, "expected a number", "write e.g. 30d, 12h, 90m or 1h30m");
            if (!long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                throw new ParseException("duration", text, start, "is too long");
            if (i == text.Length) throw new ParseException("duration", text, i, "expected a unit (s, m, h, d or w)", "write e.g. 30d, 12h, 90m or 1h30m");
            var unit = text[i] switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => throw new ParseException("duration", text, i, $"unknown unit '{text[i]}' (use s, m, h, d or w)"),
            };
            if (number > TimeSpan.MaxValue.Ticks / unit.Ticks) throw new ParseException("duration", text, start, "is too long");
            total += unit * number;
            i++;
        }
        return total;
    }

    public static long ParseSize(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
        if (i == 0 || !decimal.TryParse(text.AsSpan(0, i), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            throw new ParseException("size", text, 0, "expected a number", "write e.g. 10G, 500M or 2000000");
        long multiplier = text[i..] switch
        {
            "" or "B" => 1,
            "K" or "KiB" => 1L << 10,
            "M" or "MiB" => 1L << 20,
            "G" or "GiB" => 1L << 30,
            "T" or "TiB" => 1L << 40,
            "KB" => 1_000,
            "MB" => 1_000_000,
            "GB" => 1_000_000_000,
            "TB" => 1_000_000_000_000,
            _ => throw new ParseException("size", text, i, $"unknown unit '{text[i..]}' (use K, M, G or T; KB, MB, GB or TB for powers of 1000)"),
        };
        var bytes = number * multiplier;
        if (bytes > long.MaxValue) throw new ParseException("size", text, 0, "is too large");
        return (long)decimal.Floor(bytes);
    }
}
