using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Weibao.Domain.Finance;

namespace Weibao.Domain.Tests.Finance;

public class AmountInWordsTests
{
    [Theory]
    // The examples.
    [InlineData("2389800", "贰佰叁拾捌万玖仟捌佰元整")]
    [InlineData("119490", "壹拾壹万玖仟肆佰玖拾元整")]
    [InlineData("6786400", "陆佰柒拾捌万陆仟肆佰元整")]
    [InlineData("1002.05", "壹仟零贰元零伍分")]
    [InlineData("100000000", "壹亿元整")]
    // Small amounts and the 角/分 convention.
    [InlineData("0", "零元整")]
    [InlineData("0.5", "伍角")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.55", "伍角伍分")]
    [InlineData("1", "壹元整")]
    [InlineData("1.5", "壹元伍角")]
    [InlineData("10", "壹拾元整")]
    [InlineData("11", "壹拾壹元整")]
    [InlineData("20", "贰拾元整")]
    [InlineData("10.05", "壹拾元零伍分")]
    [InlineData("100.1", "壹佰元零壹角")]
    [InlineData("101", "壹佰零壹元整")]
    [InlineData("110", "壹佰壹拾元整")]
    [InlineData("1001", "壹仟零壹元整")]
    [InlineData("1010", "壹仟零壹拾元整")]
    [InlineData("1100", "壹仟壹佰元整")]
    // The People's Bank examples, in the first of the two forms they allow.
    [InlineData("1680.32", "壹仟陆佰捌拾元零叁角贰分")]
    [InlineData("107000.53", "壹拾万柒仟元零伍角叁分")]
    [InlineData("1409.50", "壹仟肆佰零玖元伍角")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("1000000", "壹佰万元整")]
    // Zeros across 万 and 亿.
    [InlineData("10000", "壹万元整")]
    [InlineData("10001", "壹万零壹元整")]
    [InlineData("10010", "壹万零壹拾元整")]
    [InlineData("100500", "壹拾万零伍佰元整")]
    [InlineData("1000005", "壹佰万零伍元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("100000100", "壹亿零壹佰元整")]
    [InlineData("100007000", "壹亿柒仟元整")]
    [InlineData("203592", "贰拾万叁仟伍佰玖拾贰元整")]
    [InlineData("1070000000", "壹拾亿柒仟万元整")]
    [InlineData("1000070000000", "壹万亿柒仟万元整")]
    [InlineData("1000000070000", "壹万亿零柒万元整")]
    [InlineData("1000010000", "壹拾亿零壹万元整")]
    [InlineData("10000000000", "壹佰亿元整")]
    [InlineData("120000000000", "壹仟贰佰亿元整")]
    [InlineData("1000000000000", "壹万亿元整")]
    [InlineData("1000100000000", "壹万零壹亿元整")]
    [InlineData("1200000000000", "壹万贰仟亿元整")]
    [InlineData("1000000000001", "壹万亿零壹元整")]
    [InlineData("9999999999999.99", "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    public void Format_follows_the_financial_convention(string yuan, string words)
    {
        var money = Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(words, AmountInWords.Format(money));
        Assert.Equal("人民币" + words, AmountInWords.Format(money, withCurrencyPrefix: true));
        Assert.Equal(money, AmountInWords.Parse(words));
        Assert.Equal(money, AmountInWords.Parse("人民币" + words));
    }

    [Fact]
    public void Format_rejects_negative_and_too_large_amounts()
    {
        Assert.Throws<DomainException>(() => AmountInWords.Format(Money.FromFen(-1)));
        Assert.Throws<DomainException>(() => AmountInWords.Format(Money.FromFen(1_000_000_000_000_000)));
        Assert.Equal("玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分", AmountInWords.Format(AmountInWords.MaxAmount));
    }

    [Theory]
    [InlineData("人民币 贰佰叁拾捌万玖仟捌佰 元整", "2389800")]
    [InlineData("人民币：壹佰元整", "100")]
    [InlineData("人民币:壹佰元整", "100")]
    [InlineData("  壹佰元整  ", "100")]
    [InlineData("壹 佰 元 整", "100")]
    [InlineData("壹佰元\u3000整", "100")]
    [InlineData("壹佰圆整", "100")]
    [InlineData("壹佰圓整", "100")]
    [InlineData("壹佰元正", "100")]
    [InlineData("壹佰元", "100")]
    [InlineData("拾万元整", "100000")]
    [InlineData("拾元", "10")]
    [InlineData("貳佰陸拾萬元整", "2600000")]
    [InlineData("壹億元整", "100000000")]
    [InlineData("伍角整", "0.5")]
    [InlineData("伍角正", "0.5")]
    [InlineData("零元整", "0")]
    [InlineData("零元", "0")]
    [InlineData("零元伍角", "0.5")]
    [InlineData("零元伍分", "0.05")]
    [InlineData("壹元伍角整", "1.5")]
    // The optional 零 of the People's Bank rules, written or left out.
    [InlineData("壹拾万柒仟元零伍角叁分", "107000.53")]
    [InlineData("壹拾万零柒仟元伍角叁分", "107000.53")]
    [InlineData("壹拾万柒仟元伍角叁分", "107000.53")]
    [InlineData("壹仟陆佰捌拾元叁角贰分", "1680.32")]
    [InlineData("壹亿零柒仟元整", "100007000")]
    [InlineData("壹拾亿零柒仟万元整", "1070000000")]
    [InlineData("贰拾万零叁仟伍佰玖拾贰元整", "203592")]
    public void TryParse_reads_what_people_write(string words, string yuan)
    {
        Assert.True(AmountInWords.TryParse(words, out var amount, out var error), error);
        Assert.Equal(Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)), amount);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData(null, "大写金额为空")]
    [InlineData("   ", "大写金额为空")]
    [InlineData("人民币", "只有“人民币”，没有金额")]
    [InlineData("整", "“整”前面没有金额")]
    [InlineData("壹仟贰元", "“壹仟”和“贰”之间缺少“零”")]
    [InlineData("壹万零伍元零伍分零", "“零”后面缺少数字")]
    [InlineData("壹佰壹仟元", "“壹仟”不能写在“壹佰”之后（单位顺序不对）")]
    [InlineData("壹拾壹拾元", "“壹拾”不能写在“壹拾”之后（单位顺序不对）")]
    [InlineData("壹贰元", "“壹”和“贰”之间缺少单位")]
    [InlineData("三百元整", "第1个字“三”不是大写金额用字，应写作“叁”")]
    [InlineData("壹百元整", "第2个字“百”不是大写金额用字，应写作“佰”")]
    [InlineData("两佰元整", "应写作“贰”")]
    [InlineData("壹佰〇伍元整", "应写作“零”")]
    [InlineData("壹佰另伍元整", "应写作“零”")]
    [InlineData("壹佰块", "第3个字“块”不是大写金额用字，应写作“元”")]
    [InlineData("伍毛", "应写作“角”")]
    [InlineData("123元", "第1个字“1”是阿拉伯数字，大写金额应写作“壹”")]
    [InlineData("美元壹佰", "第1个字“美”不是大写金额用字")]
    [InlineData("壹佰元人民币", "“人民币”只能写在最前面")]
    [InlineData("壹元伍分", "“元”和“伍分”之间缺少“零”")]
    [InlineData("壹元零伍角", "“伍角”前面多了一个“零”")]
    [InlineData("壹元伍角零伍分", "“伍角”和“伍分”之间多了一个“零”")]
    [InlineData("零伍分", "“伍分”前面多了一个“零”")]
    [InlineData("壹元零伍分整", "有“分”的金额后面不写“整”")]
    [InlineData("伍分整", "有“分”的金额后面不写“整”")]
    [InlineData("壹仟零贰佰元", "“壹仟”和“贰佰”之间多了一个“零”")]
    [InlineData("壹拾壹万零柒仟元", "“壹万”和“柒仟”之间多了一个“零”")]
    [InlineData("壹万零贰仟元", "“壹万”和“贰仟”之间多了一个“零”")]
    [InlineData("壹拾万伍佰元整", "“壹拾万”和“伍佰”之间缺少“零”")]
    [InlineData("壹万伍元整", "“壹万”和“伍”之间缺少“零”")]
    [InlineData("零壹元", "金额不能以“零”开头")]
    [InlineData("壹零零元", "连续写了两个“零”")]
    [InlineData("壹佰元元", "“元”写了两次")]
    [InlineData("壹万万元", "“万”写了两次")]
    [InlineData("壹亿亿元", "“亿”写了两次")]
    [InlineData("亿元", "“亿”前面没有数字")]
    [InlineData("万元", "“万”前面没有数字")]
    [InlineData("壹亿万元", "“万”前面没有数字")]
    [InlineData("元整", "“元”前面没有数字")]
    [InlineData("壹拾万亿元", "超过可写的最大金额 ¥9,999,999,999,999.99")]
    [InlineData("壹佰", "缺少“元”：“壹佰”之后应写“元”")]
    [InlineData("壹佰伍角", "缺少“元”：整数部分之后应写“元”")]
    [InlineData("佰元", "“佰”前面缺少数字")]
    [InlineData("壹零佰元", "“零”后面应是数字，不应是“佰”")]
    [InlineData("壹佰元伍", "“伍”后面缺少“角”或“分”")]
    [InlineData("壹佰元整伍角", "“整”只能写在金额末尾")]
    [InlineData("壹元零伍分伍角", "“角”应写在“分”之前")]
    [InlineData("壹元伍分伍角", "“元”和“伍分”之间缺少“零”")]
    [InlineData("壹元伍角伍角", "“角”写了两次")]
    [InlineData("壹元零伍分伍分", "“分”写了两次")]
    [InlineData("壹元拾角", "“元”之后只能写“X角”“X分”，“拾”的位置不对")]
    [InlineData("壹元零角", "“零”后面应是数字，不应是“角”")]
    [InlineData("壹万零元", "“零”后面缺少数字")]
    [InlineData("壹角元", "“角”的位置不对")]
    public void TryParse_says_precisely_why_it_rejects(string? words, string reason)
    {
        Assert.False(AmountInWords.TryParse(words, out var amount, out var error));
        Assert.Equal(default, amount);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var ex = Assert.Throws<DomainException>(() => AmountInWords.Parse(words));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAgreement_accepts_a_matching_pair()
    {
        var result = AmountInWords.CheckAgreement(Money.FromYuan(2389800m), "人民币 贰佰叁拾捌万玖仟捌佰 元整");
        Assert.True(result.Agrees);
        Assert.Equal(Money.FromYuan(2389800m), result.WordsAmount);
        Assert.Equal("人民币贰佰叁拾捌万玖仟捌佰元整", result.ExpectedWords);
        Assert.Equal("金额 ¥2,389,800.00 与大写“人民币 贰佰叁拾捌万玖仟捌佰 元整”一致", result.Message);
    }

    [Fact]
    public void CheckAgreement_shows_both_when_they_differ()
    {
        var result = AmountInWords.CheckAgreement(Money.FromYuan(2389800m), "贰佰叁拾捌万玖仟元整");
        Assert.False(result.Agrees);
        Assert.Equal(Money.FromYuan(2389000m), result.WordsAmount);
        Assert.Equal("金额 ¥2,389,800.00 与大写“贰佰叁拾捌万玖仟元整”不符（大写为 ¥2,389,000.00）", result.Message);
    }

    [Fact]
    public void CheckAgreement_explains_an_unreadable_words()
    {
        var result = AmountInWords.CheckAgreement(Money.FromYuan(1002m), "壹仟贰元整");
        Assert.False(result.Agrees);
        Assert.Null(result.WordsAmount);
        Assert.Equal("人民币壹仟零贰元整", result.ExpectedWords);
        Assert.Equal("金额 ¥1,002.00 与大写“壹仟贰元整”不符：大写无法识别，“壹仟”和“贰”之间缺少“零”（中间有空位）", result.Message);
    }

    [Fact]
    public void CheckAgreement_handles_a_figure_without_words()
    {
        var result = AmountInWords.CheckAgreement(Money.FromFen(-100), "壹元整");
        Assert.False(result.Agrees);
        Assert.Null(result.ExpectedWords);
        Assert.Contains("大写为 ¥1.00", result.Message, StringComparison.Ordinal);
    }

    // Amounts with many zero digits, which is where 大写 goes wrong.
    private static Arbitrary<long> ZeroHeavyAmounts() =>
        Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 9))), 15)
            .Select(digits => digits.Aggregate(0L, (value, digit) => (value * 10) + digit))
            .ToArbitrary();

    [Property(MaxTest = 3000)]
    public Property Format_agrees_with_an_independent_reference_and_parses_back() =>
        Prop.ForAll(ZeroHeavyAmounts(), fen =>
        {
            var money = Money.FromFen(fen);
            var words = AmountInWords.Format(money);
            return words == ReferenceFormat(fen) && AmountInWords.Parse(words) == money && AmountInWords.Parse("人民币" + words) == money;
        });

    [Property(MaxTest = 3000)]
    public Property Lenient_spellings_read_the_same_amount() =>
        Prop.ForAll(ZeroHeavyAmounts(), fen =>
        {
            var money = Money.FromFen(fen);
            var words = AmountInWords.Format(money);
            var otherForm = ReferenceFormat(fen, zeroBeforeThousands: true);
            otherForm = Regex.Replace(otherForm, "元零(.角)", "元$1");
            var oldStyle = words.Replace('元', '圆').Replace('整', '正');
            var spaced = "人民币 " + string.Join(' ', words.ToCharArray());
            return AmountInWords.Parse(otherForm) == money
                && AmountInWords.Parse(oldStyle) == money
                && AmountInWords.Parse(spaced) == money;
        });

    [Property(MaxTest = 2000)]
    public Property Dropping_a_mandatory_zero_is_rejected() =>
        Prop.ForAll(ZeroHeavyAmounts(), fen =>
        {
            var words = AmountInWords.Format(Money.FromFen(fen));
            // A 零 between two digits of the same section can never be left out.
            var match = Regex.Match(words, "([壹贰叁肆伍陆柒捌玖][拾佰仟])零([壹贰叁肆伍陆柒捌玖])");
            if (!match.Success)
            {
                return true;
            }

            var broken = words.Remove(match.Index + match.Groups[1].Length, 1);
            return !AmountInWords.TryParse(broken, out var read, out _) || read != Money.FromFen(fen);
        });

    /// <summary>
    /// A second, independent formatter: spell every digit with its unit, then rewrite zeros with regular
    /// expressions (the classic approach, which drops a 零 that precedes 万 or 亿). With
    /// <paramref name="zeroBeforeThousands"/> it moves that 零 after the section name instead: the other form the
    /// People's Bank rules allow (壹拾万零柒仟).
    /// </summary>
    private static string ReferenceFormat(long fen, bool zeroBeforeThousands = false)
    {
        if (fen == 0)
        {
            return "零元整";
        }

        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var f = (int)(fen % 10);
        const string digitNames = "零壹贰叁肆伍陆柒捌玖";
        string[] units = ["", "拾", "佰", "仟", "万", "拾", "佰", "仟", "亿", "拾", "佰", "仟", "万", "拾", "佰", "仟"];
        var integer = string.Empty;
        if (yuan > 0)
        {
            var figures = yuan.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var naive = string.Concat(figures.Select((c, i) => digitNames[c - '0'] + units[figures.Length - 1 - i]));
            var s = Regex.Replace(naive, "零[拾佰仟]", "零");
            string before;
            do
            {
                before = s;
                s = Regex.Replace(s, "零+", "零");
                s = Regex.Replace(s, "零(万|亿)", zeroBeforeThousands ? "$1零" : "$1");
                s = s.Replace("亿万", "亿", StringComparison.Ordinal);
            }
            while (s != before);

            integer = s.TrimEnd('零') + "元";
        }

        if (jiao == 0 && f == 0)
        {
            return integer + "整";
        }

        var fraction = string.Empty;
        if (jiao != 0)
        {
            fraction += (yuan > 0 && yuan % 10 == 0 ? "零" : string.Empty) + digitNames[jiao] + "角";
        }

        if (f != 0)
        {
            fraction += (jiao == 0 && yuan > 0 ? "零" : string.Empty) + digitNames[f] + "分";
        }

        return integer + fraction;
    }
}
