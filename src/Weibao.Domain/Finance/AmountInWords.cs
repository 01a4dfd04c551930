using System.Text;

namespace Weibao.Domain.Finance;

/// <summary>
/// 大写金额: an amount written in Chinese financial numerals, as contracts, invoices and bank forms require next
/// to the figure (<c>人民币贰佰叁拾捌万玖仟捌佰元整（¥2,389,800.00）</c>).
/// </summary>
/// <remarks>
/// <para>Writing follows the rules of the People's Bank of China for filling in bills and vouchers (《支付结算办法》附件
/// 《正确填写票据和结算凭证的基本规定》) and, where they allow two forms, always writes the same one:</para>
/// <list type="bullet">
/// <item>Digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, sections 万 and 亿 (10¹² is 万亿), then 元, 角, 分.</item>
/// <item>Always 壹拾, never a bare 拾: <c>119490</c> is <c>壹拾壹万玖仟肆佰玖拾元整</c>.</item>
/// <item>One 零 for every run of zero digits between two non-zero digits, also where the run crosses 万, 亿 or 元:
/// <c>1002.05</c> is <c>壹仟零贰元零伍分</c>, <c>100500</c> is <c>壹拾万零伍佰元整</c>, <c>100000001</c> is
/// <c>壹亿零壹元整</c>. The rules make two of these zeros optional — when the zeros end at a 万 or 亿 and the next digit is
/// a 仟, and when the 元 digit is zero but the 角 digit is not — and show both forms; we write the first form of the
/// People's Bank examples, which is also how seed 001 writes ¥203,592.00: no 零 before that 仟
/// (<c>贰拾万叁仟伍佰玖拾贰元整</c>, <c>107000.53</c> is <c>壹拾万柒仟元零伍角叁分</c>) and a 零 before that 角
/// (<c>1680.32</c> is <c>壹仟陆佰捌拾元零叁角贰分</c>). Reading accepts both forms.</item>
/// <item><c>整</c> after 元 only: <c>¥100.00</c> is <c>壹佰元整</c>, <c>¥0.50</c> is <c>伍角</c> (not 伍角整),
/// <c>¥12.34</c> is <c>壹拾贰元叁角肆分</c>. Below one 元 there is no <c>零元</c>: <c>¥0.05</c> is <c>伍分</c>.
/// <c>¥0.00</c> is <c>零元整</c>.</item>
/// <item>The 人民币 prefix is written by <see cref="Money.ToWords()"/>; <see cref="Format(Money)"/> leaves it out
/// because most forms print 人民币 before the blank.</item>
/// <item>Range ¥0.00 to ¥9,999,999,999,999.99; a negative amount has no 大写 here.</item>
/// </list>
/// <para>Reading (<see cref="TryParse"/>) accepts what people actually write: with or without the labels 人民币 and
/// 大写 (<c>人民币大写：</c>, <c>大写人民币：</c>, a colon after them), spaces anywhere, 整 or 正 after 元 or 角 or nothing at all, the older 圆 (and the traditional 圓, 貳, 陸,
/// 萬, 億, which the same rules say banks must accept), a leading bare 拾 (<c>拾万元整</c>), and the optional 零
/// described above. It rejects, naming the reason: lower-case numerals (三, 百, 两, 〇, 0–9), 毛 or 块, a digit
/// without its unit, units out of order, a missing 零 inside a section (<c>壹仟贰元</c> could be read as 1,200),
/// a 零 where nothing was skipped, 整 after 分, and amounts above the range.</para>
/// </remarks>
public static class AmountInWords
{
    /// <summary>The prefix written before the 大写 on contracts and bank forms.</summary>
    public const string CurrencyPrefix = "人民币";

    /// <summary>The largest amount that has a 大写 here: ¥9,999,999,999,999.99.</summary>
    public static Money MaxAmount { get; } = Money.FromFen(999_999_999_999_999);

    private static string Digits => "零壹贰叁肆伍陆柒捌玖";

    private static string PlaceUnits => "拾佰仟";

    /// <summary>The 大写 of <paramref name="amount"/> without the 人民币 prefix: <c>贰佰叁拾捌万玖仟捌佰元整</c>.</summary>
    /// <exception cref="DomainException">The amount is negative or above <see cref="MaxAmount"/>.</exception>
    public static string Format(Money amount) => Format(amount, withCurrencyPrefix: false);

    /// <summary>The 大写 of <paramref name="amount"/>, with the 人民币 prefix when <paramref name="withCurrencyPrefix"/> is set.</summary>
    /// <exception cref="DomainException">The amount is negative or above <see cref="MaxAmount"/>.</exception>
    public static string Format(Money amount, bool withCurrencyPrefix)
    {
        if (amount.IsNegative)
        {
            throw new DomainException($"负数金额没有大写：{amount} / A negative amount has no 大写.");
        }

        if (amount > MaxAmount)
        {
            throw new DomainException($"金额 {amount} 超过可写大写的上限 {MaxAmount} / The amount is above the 大写 range.");
        }

        var text = new StringBuilder(withCurrencyPrefix ? CurrencyPrefix : string.Empty, 40);
        if (amount.Fen == 0)
        {
            return text.Append("零元整").ToString();
        }

        var yuan = amount.Fen / 100;
        var jiao = (int)(amount.Fen / 10 % 10);
        var fen = (int)(amount.Fen % 10);

        // Digits of the 元 part, index = power of ten (0 = 个位 … 15 = 千万亿位).
        Span<int> digits = stackalloc int[16];
        for (var (place, rest) = (0, yuan); rest > 0; place++, rest /= 10)
        {
            digits[place] = (int)(rest % 10);
        }

        var zeroPending = false;
        var started = false;
        for (var place = 15; place >= 0; place--)
        {
            var digit = digits[place];
            if (digit != 0)
            {
                // Zeros that end at 万 or 亿 before a 仟 digit are not written (壹拾万柒仟).
                if (zeroPending && place % 4 != 3)
                {
                    text.Append('零');
                }

                text.Append(Digits[digit]);
                if (place % 4 != 0)
                {
                    text.Append(PlaceUnits[(place % 4) - 1]);
                }

                started = true;
                zeroPending = false;
            }
            else if (started)
            {
                zeroPending = true;
            }

            // A section name is written when its section (or, for 亿, anything above it) has a digit.
            if ((place == 12 && AnyNonZero(digits, 12, 15)) || (place == 4 && AnyNonZero(digits, 4, 7)))
            {
                text.Append('万');
            }
            else if (place == 8 && AnyNonZero(digits, 8, 15))
            {
                text.Append('亿');
            }
        }

        if (yuan > 0)
        {
            text.Append('元');
        }

        if (jiao == 0 && fen == 0)
        {
            return text.Append('整').ToString();
        }

        if (jiao != 0)
        {
            if (zeroPending)
            {
                text.Append('零');
            }

            text.Append(Digits[jiao]).Append('角');
        }

        if (fen != 0)
        {
            if (jiao == 0 && yuan > 0)
            {
                text.Append('零');
            }

            text.Append(Digits[fen]).Append('分');
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads a 大写 amount. On failure <paramref name="error"/> says precisely why (in Chinese, for the person who typed it).
    /// </summary>
    public static bool TryParse(string? text, out Money amount, out string error)
    {
        amount = default;
        var reader = new Reader(text);
        if (!reader.TryRead(out var fen))
        {
            error = reader.Error!;
            return false;
        }

        error = string.Empty;
        amount = Money.FromFen(fen);
        return true;
    }

    /// <summary>Reads a 大写 amount or throws a <see cref="DomainException"/> that says why it is malformed.</summary>
    public static Money Parse(string? text) =>
        TryParse(text, out var amount, out var error)
            ? amount
            : throw new DomainException($"大写金额“{text}”无法识别：{error}");

    /// <summary>
    /// Checks that a typed figure and a typed 大写 agree, as they must on every contract and payment form.
    /// The message shows both: <c>金额 ¥2,389,800.00 与大写“…”不符（大写为 ¥2,389,000.00）</c>.
    /// </summary>
    public static AmountAgreement CheckAgreement(Money figure, string? words)
    {
        var shown = words?.Trim() ?? string.Empty;
        var expected = figure.IsNegative || figure > MaxAmount ? null : Format(figure, withCurrencyPrefix: true);
        if (!TryParse(words, out var read, out var error))
        {
            return new AmountAgreement(false, figure, shown, null, expected, $"金额 {figure} 与大写“{shown}”不符：大写无法识别，{error}");
        }

        return read == figure
            ? new AmountAgreement(true, figure, shown, read, expected, $"金额 {figure} 与大写“{shown}”一致")
            : new AmountAgreement(false, figure, shown, read, expected, $"金额 {figure} 与大写“{shown}”不符（大写为 {read}）");
    }

    private static bool AnyNonZero(ReadOnlySpan<int> digits, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            if (digits[i] != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One digit with its place, as read: <c>伍佰</c> is digit 5 at place 2 of its section.</summary>
    private readonly record struct Term(int Digit, int Place, bool ZeroBefore, int SectionBase, string Text)
    {
        public int Power => SectionBase + Place;
    }

    private sealed class Reader(string? original)
    {

        public string? Error { get; private set; }

        public bool TryRead(out long fen)
        {
            fen = 0;
            if (string.IsNullOrWhiteSpace(original))
            {
                return Fail("大写金额为空");
            }

            if (!TryNormalize(original, out var s))
            {
                return false;
            }

            if (s.Length == 0)
            {
                return Fail("只有“人民币”，没有金额");
            }

            var hasZheng = s.EndsWith('整');
            if (hasZheng)
            {
                s = s[..^1];
            }

            if (s.Contains('整', StringComparison.Ordinal))
            {
                return Fail("“整”只能写在金额末尾");
            }

            if (s.Length == 0)
            {
                return Fail("“整”前面没有金额");
            }

            var yuanAt = s.IndexOf('元', StringComparison.Ordinal);
            if (yuanAt >= 0 && s.IndexOf('元', yuanAt + 1) >= 0)
            {
                return Fail("“元”写了两次");
            }

            string integerText, fractionText;
            if (yuanAt < 0)
            {
                if (s.IndexOfAny(['角', '分']) < 0)
                {
                    return Fail($"缺少“元”：“{s}”之后应写“元”");
                }

                integerText = string.Empty;
                fractionText = s;
                if (s.IndexOfAny(['万', '亿', '拾', '佰', '仟']) >= 0)
                {
                    return Fail("缺少“元”：整数部分之后应写“元”");
                }
            }
            else
            {
                integerText = s[..yuanAt];
                fractionText = s[(yuanAt + 1)..];
                if (integerText.Length == 0)
                {
                    return Fail("“元”前面没有数字");
                }
            }

            long yuan = 0;
            var lowestPower = -1;
            if (integerText.Length > 0 && !TryReadInteger(integerText, out yuan, out lowestPower))
            {
                return false;
            }

            if (!TryReadFraction(fractionText, yuan, lowestPower, out var jiao, out var fenDigit, out var hasFen))
            {
                return false;
            }

            if (hasZheng && hasFen)
            {
                return Fail("有“分”的金额后面不写“整”");
            }

            fen = (yuan * 100) + (jiao * 10) + fenDigit;
            return true;
        }

        private bool TryNormalize(string text, out string normalized)
        {
            normalized = string.Empty;
            var t = text.Trim();
            var start = SkipLabels(t);

            var builder = new StringBuilder(t.Length);
            for (var i = start; i < t.Length; i++)
            {
                var c = t[i];
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                var mapped = c switch
                {
                    '圆' or '圓' => '元',
                    '正' => '整',
                    '貳' => '贰',
                    '陸' => '陆',
                    '萬' => '万',
                    '億' => '亿',
                    _ => c,
                };
                if ("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整".Contains(mapped, StringComparison.Ordinal))
                {
                    builder.Append(mapped);
                    continue;
                }

                var position = $"第{i + 1}个字“{c}”";
                var hint = c switch
                {
                    '一' => "壹",
                    '二' or '两' or '兩' => "贰",
                    '三' => "叁",
                    '四' => "肆",
                    '五' => "伍",
                    '六' => "陆",
                    '七' => "柒",
                    '八' => "捌",
                    '九' => "玖",
                    '十' => "拾",
                    '百' => "佰",
                    '千' => "仟",
                    '〇' or 'O' or '0' or '○' or '另' => "零",
                    '毛' => "角",
                    '块' or '塊' => "元",
                    _ => null,
                };
                if (hint is not null)
                {
                    return Fail($"{position}不是大写金额用字，应写作“{hint}”");
                }

                if (char.IsAsciiDigit(c))
                {
                    return Fail($"{position}是阿拉伯数字，大写金额应写作“{Digits[c - '0']}”");
                }

                if (c is '人' or '民' or '币')
                {
                    return Fail($"{position}：“人民币”只能写在最前面");
                }

                return Fail($"{position}不是大写金额用字（只能用 零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整）");
            }

            normalized = builder.ToString();
            return true;
        }

        // Forms label the blank: 人民币, 大写, 人民币大写：, 大写人民币：, each at most once, then an optional colon.
        private static int SkipLabels(string t)
        {
            var start = 0;
            var seen = 0;
            while (seen < 2)
            {
                var label = t.AsSpan(start).StartsWith(CurrencyPrefix, StringComparison.Ordinal) ? CurrencyPrefix
                    : t.AsSpan(start).StartsWith("大写", StringComparison.Ordinal) ? "大写"
                    : null;
                if (label is null)
                {
                    break;
                }

                start += label.Length;
                seen++;
                while (start < t.Length && (char.IsWhiteSpace(t[start]) || t[start] is ':' or '：'))
                {
                    start++;
                }
            }

            return start;
        }

        private bool TryReadInteger(string text, out long value, out int lowestPower)
        {
            value = 0;
            lowestPower = -1;
            if (text == "零")
            {
                return true;
            }

            var yiAt = text.IndexOf('亿', StringComparison.Ordinal);
            if (yiAt >= 0 && text.IndexOf('亿', yiAt + 1) >= 0)
            {
                return Fail("“亿”写了两次");
            }

            var aboveYi = yiAt >= 0 ? text[..yiAt] : null;
            var belowYi = yiAt >= 0 ? text[(yiAt + 1)..] : text;
            if (aboveYi is { Length: 0 })
            {
                return Fail("“亿”前面没有数字");
            }

            // Four sections of four places each, from 万亿 down to 个.
            var sections = new List<(string Text, int Base)>(4);
            if (aboveYi is not null && !TrySplitWan(aboveYi, 8, sections))
            {
                return false;
            }

            if (!TrySplitWan(belowYi, 0, sections))
            {
                return false;
            }

            var terms = new List<Term>(16);
            foreach (var (sectionText, sectionBase) in sections)
            {
                if (sectionText.Length > 0 && !TryReadSection(sectionText, sectionBase, isFirst: terms.Count == 0, terms))
                {
                    return false;
                }
            }

            if (terms.Count == 0)
            {
                return Fail("没有数字");
            }

            if (terms[0].ZeroBefore)
            {
                return Fail("金额不能以“零”开头");
            }

            for (var i = 1; i < terms.Count; i++)
            {
                var (previous, current) = (terms[i - 1], terms[i]);
                var skipped = previous.Power - current.Power - 1;
                if (previous.SectionBase == current.SectionBase)
                {
                    if (skipped > 0 && !current.ZeroBefore)
                    {
                        return Fail($"“{previous.Text}”和“{current.Text}”之间缺少“零”（中间有空位）");
                    }
                }
                else if (skipped > 0 && !current.ZeroBefore && current.Place != 3)
                {
                    // Across 万 or 亿 the 零 may only be left out when the next digit is a 仟 (e.g. 壹拾万柒仟).
                    return Fail($"“{previous.Text}{SectionName(previous.SectionBase)}”和“{current.Text}”之间缺少“零”（中间有空位）");
                }

                if (skipped == 0 && current.ZeroBefore)
                {
                    var previousText = previous.SectionBase == current.SectionBase ? previous.Text : previous.Text + SectionName(previous.SectionBase);
                    return Fail($"“{previousText}”和“{current.Text}”之间多了一个“零”（中间没有空位）");
                }
            }

            foreach (var term in terms)
            {
                value += term.Digit * Pow10(term.Power);
            }

            if (value > MaxAmount.Fen / 100)
            {
                return Fail($"超过可写的最大金额 {MaxAmount}");
            }

            lowestPower = terms[^1].Power;
            return true;
        }

        private bool TrySplitWan(string text, int baseOfLower, List<(string Text, int Base)> sections)
        {
            var wanAt = text.IndexOf('万', StringComparison.Ordinal);
            if (wanAt < 0)
            {
                sections.Add((text, baseOfLower));
                return true;
            }

            if (text.IndexOf('万', wanAt + 1) >= 0)
            {
                return Fail(baseOfLower == 8 ? "“亿”之前“万”写了两次" : "“万”写了两次");
            }

            if (wanAt == 0)
            {
                return Fail("“万”前面没有数字");
            }

            sections.Add((text[..wanAt], baseOfLower + 4));
            sections.Add((text[(wanAt + 1)..], baseOfLower));
            return true;
        }

        // One section: up to four digits with 仟佰拾, e.g. 贰佰叁拾捌, 零伍, 玖仟零捌拾.
        private bool TryReadSection(string text, int sectionBase, bool isFirst, List<Term> terms)
        {
            var count = 0;
            var i = 0;
            var previousPlace = 4;
            var previousText = string.Empty;
            while (i < text.Length)
            {
                var zeroBefore = false;
                if (text[i] == '零')
                {
                    zeroBefore = true;
                    i++;
                    if (i == text.Length)
                    {
                        return Fail(sectionBase > 0 ? $"“零”后面缺少数字（在“{SectionName(sectionBase)}”之前）" : "“零”后面缺少数字");
                    }

                    if (text[i] == '零')
                    {
                        return Fail("连续写了两个“零”");
                    }
                }

                var c = text[i];
                int digit, place;
                string termText;
                var digitIndex = Digits.IndexOf(c, StringComparison.Ordinal);
                if (digitIndex > 0)
                {
                    digit = digitIndex;
                    i++;
                    place = 0;
                    termText = c.ToString();
                    if (i < text.Length && PlaceUnits.Contains(text[i], StringComparison.Ordinal))
                    {
                        place = PlaceUnits.IndexOf(text[i], StringComparison.Ordinal) + 1;
                        termText += text[i];
                        i++;
                    }
                }
                else if (c == '拾' && isFirst && count == 0 && !zeroBefore)
                {
                    // A bare leading 拾 (拾万元整) is how many people write 壹拾.
                    digit = 1;
                    place = 1;
                    termText = "拾";
                    i++;
                }
                else if (PlaceUnits.Contains(c, StringComparison.Ordinal))
                {
                    return Fail(zeroBefore ? $"“零”后面应是数字，不应是“{c}”" : $"“{c}”前面缺少数字");
                }
                else
                {
                    return Fail($"“{c}”的位置不对");
                }

                if (place >= previousPlace)
                {
                    return Fail(place == 0 && previousPlace == 0
                        ? $"“{previousText}”和“{termText}”之间缺少单位"
                        : $"“{termText}”不能写在“{previousText}”之后（单位顺序不对）");
                }

                terms.Add(new Term(digit, place, zeroBefore, sectionBase, termText));
                previousPlace = place;
                previousText = termText;
                count++;
            }

            return true;
        }

        private bool TryReadFraction(string text, long yuan, int lowestPower, out int jiao, out int fen, out bool hasFen)
        {
            jiao = 0;
            fen = 0;
            hasFen = false;
            var hasJiao = false;
            var i = 0;
            while (i < text.Length)
            {
                var zeroBefore = false;
                if (text[i] == '零')
                {
                    zeroBefore = true;
                    i++;
                    if (i == text.Length)
                    {
                        return Fail("“零”后面缺少数字");
                    }
                }

                var digit = Digits.IndexOf(text[i], StringComparison.Ordinal);
                if (digit <= 0)
                {
                    return Fail(zeroBefore
                        ? $"“零”后面应是数字，不应是“{text[i]}”"
                        : $"“元”之后只能写“X角”“X分”，“{text[i]}”的位置不对");
                }

                i++;
                if (i == text.Length || text[i] is not ('角' or '分'))
                {
                    return Fail($"“{Digits[digit]}”后面缺少“角”或“分”");
                }

                var unit = text[i];
                i++;
                if (unit == '角')
                {
                    if (hasJiao || hasFen)
                    {
                        return Fail(hasFen ? "“角”应写在“分”之前" : "“角”写了两次");
                    }

                    // A 零 before 角 only stands for a zero 元 digit (壹仟陆佰捌拾元零叁角).
                    if (zeroBefore && !(yuan > 0 && lowestPower > 0))
                    {
                        return Fail($"“{Digits[digit]}角”前面多了一个“零”");
                    }

                    hasJiao = true;
                    jiao = digit;
                }
                else
                {
                    if (hasFen)
                    {
                        return Fail("“分”写了两次");
                    }

                    if (hasJiao && zeroBefore)
                    {
                        return Fail($"“{Digits[jiao]}角”和“{Digits[digit]}分”之间多了一个“零”");
                    }

                    if (!hasJiao && yuan > 0 && !zeroBefore)
                    {
                        return Fail($"“元”和“{Digits[digit]}分”之间缺少“零”（角位是零时应写“元零{Digits[digit]}分”）");
                    }

                    if (!hasJiao && yuan == 0 && zeroBefore)
                    {
                        return Fail($"“{Digits[digit]}分”前面多了一个“零”");
                    }

                    hasFen = true;
                    fen = digit;
                }
            }

            return true;
        }

        private static string SectionName(int sectionBase) => sectionBase switch
        {
            4 => "万",
            8 => "亿",
            12 => "万",
            _ => string.Empty,
        };

        private static long Pow10(int power)
        {
            long result = 1;
            for (var i = 0; i < power; i++)
            {
                result *= 10;
            }

            return result;
        }

        private bool Fail(string error)
        {
            Error = error;
            return false;
        }
    }
}

/// <summary>The outcome of checking a typed figure against a typed 大写.</summary>
/// <param name="Agrees">Whether the 大写 reads as exactly the figure.</param>
/// <param name="Figure">The figure that was typed.</param>
/// <param name="Words">The 大写 that was typed, trimmed.</param>
/// <param name="WordsAmount">What the 大写 says, or <c>null</c> when it could not be read.</param>
/// <param name="ExpectedWords">The 大写 of the figure in our convention, or <c>null</c> when the figure has none.</param>
/// <param name="Message">A message that shows both, for the person who typed them.</param>
public sealed record AmountAgreement(bool Agrees, Money Figure, string Words, Money? WordsAmount, string? ExpectedWords, string Message);
