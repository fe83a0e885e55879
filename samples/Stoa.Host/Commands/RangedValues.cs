using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Stoa.Host.Commands;

/// <summary>
/// Options and arguments that check their allowed values while the command line is parsed, so a value out of range
/// is a one-line usage error naming the option and what is allowed (<see cref="UsageErrors"/>) rather than an
/// exception from the library it is handed to, or System.CommandLine's message naming a .NET type.
/// </summary>
internal static class RangedValues
{
    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static Option<int> AtLeast(string name, int min, string description, int defaultValue) =>
        Number(name, description, defaultValue, $"whole numbers, {min} or more", s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min ? v : null);

    /// <summary>Any whole number (32-bit).</summary>
    public static Option<int> Whole(string name, string description, int defaultValue) =>
        Number(name, description, defaultValue, $"whole numbers from {int.MinValue} to {int.MaxValue}", s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);

    /// <summary>A finite number greater than 0.</summary>
    public static Option<double> Positive(string name, string description, double defaultValue) =>
        Number(name, description, defaultValue, "numbers greater than 0", PositiveNumber);

    /// <summary>A finite number greater than 0, or absent.</summary>
    public static Option<double?> OptionalPositive(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => Parse(r, "numbers greater than 0", PositiveNumber),
    };

    /// <summary>A probability: a number from 0 to 1.</summary>
    public static Option<double> Probability(string name, string description, double defaultValue) =>
        Number(name, description, defaultValue, "numbers from 0 to 1", s =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && v <= 1 ? v : null);

    /// <summary>A row id (a whole number, 1 or more).</summary>
    public static Argument<long> RowId(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => Parse(r, "row ids (whole numbers, 1 or more; 'stoa table show' lists them)", s =>
            long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : (long?)null) ?? 0,
    };

    /// <summary>One of the names of <typeparamref name="T"/>, in any case (numbers are not names).</summary>
    public static Argument<T> Named<T>(string name, string description)
        where T : struct, Enum => new(name)
    {
        Description = description,
        CustomParser = r => Parse(r, string.Join(", ", Enum.GetNames<T>()), s =>
            !char.IsAsciiDigit(s.FirstOrDefault()) && Enum.TryParse<T>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : (T?)null) ?? default,
    };

    private static Option<T> Number<T>(string name, string description, T defaultValue, string allowed, Func<string, T?> parse)
        where T : struct => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Parse(r, allowed, parse) ?? defaultValue,
    };

    private static double? PositiveNumber(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : null;

    private static T? Parse<T>(ArgumentResult result, string allowed, Func<string, T?> parse)
        where T : struct
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (parse(text) is { } value)
        {
            return value;
        }

        var name = result.Parent is OptionResult o ? o.Option.Name : result.Argument.Name;
        // An argument is named as the usage line shows it (ROW), an option as it is typed (--threads).
        result.AddError($"{name} {text}: allowed values are {allowed}.");
        return null;
    }
}
