using System.Globalization;

namespace Weibao.Domain.Finance;

/// <summary>
/// An amount of 人民币 (CNY), exact to the 分. Stored as a whole number of 分 (<see cref="Fen"/>) because that is
/// how the database stores it: SQLite cannot sum decimals in SQL, and a count of 分 never needs rounding.
/// </summary>
/// <remarks>
/// Money never rounds silently. <see cref="FromYuan"/> rejects a third decimal; the only rounding in the domain is
/// <see cref="MultiplyRounded"/> (and <see cref="Percent"/>, <see cref="FromYuanRounded"/>, which use it):
/// half away from zero to the 分.
/// </remarks>
public readonly record struct Money : IComparable<Money>, IComparable
{
    private Money(long fen) => Fen = fen;

    /// <summary>No money: ¥0.00.</summary>
    public static Money Zero { get; }

    /// <summary>The amount as a whole number of 分 (1 元 = 100 分). Negative for a debit or a refund.</summary>
    public long Fen { get; }

    /// <summary>The amount in 元, with two decimal places.</summary>
    public decimal Yuan => Fen / 100m;

    /// <summary>Whether the amount is below zero.</summary>
    public bool IsNegative => Fen < 0;

    /// <summary>An amount of whole 分.</summary>
    public static Money FromFen(long fen) => new(fen);

    /// <summary>
    /// An amount given in 元. Rejects more than two decimal places (<c>1.005</c>) with a <see cref="DomainException"/>
    /// rather than rounding it away; trailing zeros (<c>1.230</c>) are fine.
    /// </summary>
    public static Money FromYuan(decimal yuan)
    {
        decimal fen;
        try
        {
            fen = yuan * 100m;
        }
        catch (OverflowException ex)
        {
            throw new DomainException($"Amount {yuan.ToString(CultureInfo.InvariantCulture)} is too large.", ex);
        }

        if (fen != decimal.Truncate(fen))
        {
            throw new DomainException(
                $"Amount {yuan.ToString(CultureInfo.InvariantCulture)} has more than two decimal places; money is exact to the 分.");
        }

        return new Money(ToInt64(fen));
    }

    /// <summary>
    /// A computed amount in 元 (for example a rate times a price), rounded half away from zero to the 分 —
    /// the same rule as <see cref="MultiplyRounded"/>.
    /// </summary>
    public static Money FromYuanRounded(decimal yuan) => new(RoundToFen(yuan, 100m));

    /// <summary>
    /// This amount times <paramref name="factor"/>, rounded half away from zero to the 分. This is the one place where
    /// the domain rounds money: a percentage of a total, a penalty per day, a share of a payment.
    /// </summary>
    /// <example><c>Money.FromYuan(2389800m).MultiplyRounded(0.0003m)</c> is ¥716.94 (0.03 % per day).</example>
    public Money MultiplyRounded(decimal factor) => new(RoundToFen(factor, Fen));

    /// <summary>
    /// <paramref name="percent"/> per cent of this amount (<c>Percent(5)</c> is 5 %), rounded half away from zero to the 分
    /// like <see cref="MultiplyRounded"/>.
    /// </summary>
    public Money Percent(decimal percent) => new(RoundToFen(percent, Fen, divisor: 100m));

    /// <summary>This amount times a whole quantity (unit price × 数量); exact, no rounding.</summary>
    public Money Multiply(long quantity) => new(checked(Fen * quantity));

    /// <summary>The sum of this amount and <paramref name="other"/>.</summary>
    public Money Add(Money other) => new(checked(Fen + other.Fen));

    /// <summary>This amount less <paramref name="other"/>.</summary>
    public Money Subtract(Money other) => new(checked(Fen - other.Fen));

    /// <summary>The amount with its sign reversed.</summary>
    public Money Negate() => new(checked(-Fen));

    /// <summary>The larger of two amounts (a penalty cap is <c>Min(penalty, cap)</c>).</summary>
    public static Money Max(Money left, Money right) => left.Fen >= right.Fen ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static Money Min(Money left, Money right) => left.Fen <= right.Fen ? left : right;

    /// <summary>The total of a sequence of amounts; ¥0.00 when it is empty.</summary>
    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        long total = 0;
        foreach (var amount in amounts)
        {
            total = checked(total + amount.Fen);
        }

        return new Money(total);
    }

    /// <inheritdoc />
    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Money other => CompareTo(other),
        _ => throw new ArgumentException("Object must be Money.", nameof(obj)),
    };

    /// <summary>The amount in 大写 with the 人民币 prefix: <c>人民币贰佰叁拾捌万玖仟捌佰元整</c>. See <see cref="AmountInWords"/>.</summary>
    public string ToWords() => AmountInWords.Format(this, withCurrencyPrefix: true);

    /// <summary>
    /// The amount in 大写, with or without the 人民币 prefix (without it when a form prints 人民币 before the blank).
    /// </summary>
    public string ToWords(bool withCurrencyPrefix) => AmountInWords.Format(this, withCurrencyPrefix);

    /// <summary>The figure as written in contracts, culture-independent: <c>¥2,389,800.00</c>, <c>-¥5.00</c>.</summary>
    public override string ToString()
    {
        var magnitude = Math.Abs((decimal)Fen) / 100m;
        var text = "¥" + magnitude.ToString("#,##0.00", CultureInfo.InvariantCulture);
        return Fen < 0 ? "-" + text : text;
    }

    /// <summary>
    /// Reads a typed figure: <c>2389800</c>, <c>2,389,800.00</c>, <c>¥ 2389800.00</c>, <c>￥119490.00元</c>,
    /// <c>人民币小写：6786400.00 元</c>. At most two decimal places; nothing is rounded.
    /// </summary>
    public static bool TryParse(string? text, out Money amount)
    {
        amount = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative)
        {
            s = s[1..].TrimStart();
        }

        foreach (var prefix in FigurePrefixes)
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal))
            {
                s = s[prefix.Length..].TrimStart();
            }
        }

        if (s.EndsWith('元'))
        {
            s = s[..^1].TrimEnd();
        }

        s = s.Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        if (s.Length == 0 || s.Any(c => !(char.IsAsciiDigit(c) || c == '.')))
        {
            return false;
        }

        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            return false;
        }

        var fen = negative ? -yuan * 100m : yuan * 100m;
        if (fen != decimal.Truncate(fen) || fen > long.MaxValue || fen < -long.MaxValue)
        {
            return false;
        }

        amount = new Money((long)fen);
        return true;
    }

    /// <summary>Reads a typed figure like <see cref="TryParse"/> or throws a <see cref="DomainException"/>.</summary>
    public static Money Parse(string? text) =>
        TryParse(text, out var amount)
            ? amount
            : throw new DomainException($"“{text}”不是有效的金额（最多两位小数）/ '{text}' is not an amount with at most two decimals.");

    /// <summary>The sum of two amounts.</summary>
    public static Money operator +(Money left, Money right) => left.Add(right);

    /// <summary>The difference of two amounts.</summary>
    public static Money operator -(Money left, Money right) => left.Subtract(right);

    /// <summary>The amount with its sign reversed.</summary>
    public static Money operator -(Money amount) => amount.Negate();

    /// <summary>Unit price times quantity; exact.</summary>
    public static Money operator *(Money amount, long quantity) => amount.Multiply(quantity);

    /// <summary>Quantity times unit price; exact.</summary>
    public static Money operator *(long quantity, Money amount) => amount.Multiply(quantity);

    /// <summary>Whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    public static bool operator <(Money left, Money right) => left.Fen < right.Fen;

    /// <summary>Whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    public static bool operator >(Money left, Money right) => left.Fen > right.Fen;

    /// <summary>Whether <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    public static bool operator <=(Money left, Money right) => left.Fen <= right.Fen;

    /// <summary>Whether <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    public static bool operator >=(Money left, Money right) => left.Fen >= right.Fen;

    private static readonly string[] FigurePrefixes = ["人民币", "小写", ":", "：", "RMB", "CNY", "¥", "￥"];

    // The single rounding rule of the domain: half away from zero, to the 分.
    private static long RoundToFen(decimal factor, decimal fen, decimal divisor = 1m)
    {
        try
        {
            var exact = fen * factor / divisor;
            return ToInt64(Math.Round(exact, 0, MidpointRounding.AwayFromZero));
        }
        catch (OverflowException ex)
        {
            throw new DomainException("The computed amount is too large.", ex);
        }
    }

    private static long ToInt64(decimal wholeFen)
    {
        if (wholeFen > long.MaxValue || wholeFen < -long.MaxValue)
        {
            throw new DomainException("The amount is too large.");
        }

        return (long)wholeFen;
    }
}
