using System.Globalization;
using System.Text;

namespace Weibao.Domain.Assets;

/// <summary>
/// How the asset tags (资产编号) of a contract are generated, e.g. <c>{code}-{line}-{0000}</c> gives
/// <c>PG2026-2-0007</c>. Placeholders: <c>{code}</c> (the contract's short asset code), <c>{line}</c> (the line
/// number), <c>{line:00}</c> (padded), and exactly one sequence <c>{0000}</c> whose zeros give the minimum width.
/// Anything else is copied as written.
/// </summary>
public sealed class AssetTagPattern
{
    /// <summary>The pattern used when a contract has none of its own.</summary>
    public const string Default = "{code}-{line}-{0000}";

    private readonly List<Part> _parts;

    private AssetTagPattern(string text, List<Part> parts)
    {
        Text = text;
        _parts = parts;
        SequenceWidth = parts.First(p => p.Kind == PartKind.Sequence).Width;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>The minimum number of digits of the sequence.</summary>
    public int SequenceWidth { get; }

    /// <summary>Reads a pattern; <paramref name="error"/> says what is wrong when it cannot.</summary>
    public static bool TryParse(string? text, out AssetTagPattern pattern, out string error)
    {
        pattern = null!;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The pattern is empty.";
            return false;
        }

        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                error = $"Unmatched '}}' at position {i + 1}.";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i);
            if (close < 0)
            {
                error = $"Unclosed '{{' at position {i + 1}.";
                return false;
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part(PartKind.Literal, literal.ToString(), 0));
                literal.Clear();
            }

            var name = text[(i + 1)..close];
            if (name == "code")
            {
                parts.Add(new Part(PartKind.Code, name, 0));
            }
            else if (name == "line")
            {
                parts.Add(new Part(PartKind.Line, name, 1));
            }
            else if (name.StartsWith("line:", StringComparison.Ordinal) && name.Length > 5 && name[5..].All(ch => ch == '0'))
            {
                parts.Add(new Part(PartKind.Line, name, name.Length - 5));
            }
            else if (name.Length > 0 && name.All(ch => ch == '0'))
            {
                parts.Add(new Part(PartKind.Sequence, name, name.Length));
            }
            else
            {
                error = $"Unknown placeholder '{{{name}}}'; use {{code}}, {{line}}, {{line:00}} or {{0000}}.";
                return false;
            }

            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(PartKind.Literal, literal.ToString(), 0));
        }

        var sequences = parts.Count(p => p.Kind == PartKind.Sequence);
        if (sequences != 1)
        {
            error = "The pattern needs exactly one sequence such as {0000}.";
            return false;
        }

        pattern = new AssetTagPattern(text, parts);
        return true;
    }

    /// <summary>Reads a pattern or throws <see cref="DomainException"/> with the reason.</summary>
    public static AssetTagPattern Parse(string? text) =>
        TryParse(text, out var pattern, out var error) ? pattern : throw new DomainException(error);

    /// <summary>The tag of unit <paramref name="sequence"/> (from 1) of a line.</summary>
    public string Format(string code, int lineNumber, int sequence)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            builder.Append(part.Kind switch
            {
                PartKind.Code => code,
                PartKind.Line => lineNumber.ToString(new string('0', part.Width), CultureInfo.InvariantCulture),
                PartKind.Sequence => sequence.ToString(new string('0', part.Width), CultureInfo.InvariantCulture),
                _ => part.Text,
            });
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private enum PartKind
    {
        Literal,
        Code,
        Line,
        Sequence,
    }

    private sealed record Part(PartKind Kind, string Text, int Width);
}
