using Weibao.Domain.Finance;

namespace Weibao.Domain.Tests.Finance;

public class MoneyTests
{
    [Theory]
    [InlineData("2389800", 238980000L)]
    [InlineData("1002.05", 100205L)]
    [InlineData("1.230", 123L)]
    [InlineData("0.01", 1L)]
    [InlineData("-5.5", -550L)]
    [InlineData("0", 0L)]
    public void FromYuan_stores_whole_fen(string yuan, long fen)
    {
        var money = Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(fen, money.Fen);
        Assert.Equal(fen / 100m, money.Yuan);
    }

    [Theory]
    [InlineData("1.005")]
    [InlineData("0.001")]
    [InlineData("-2389800.999")]
    public void FromYuan_rejects_a_third_decimal_instead_of_rounding(string yuan)
    {
        var ex = Assert.Throws<DomainException>(() => Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("more than two decimal places", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromYuan_rejects_amounts_beyond_a_long_of_fen() =>
        Assert.Throws<DomainException>(() => Money.FromYuan(decimal.MaxValue / 10));

    [Theory]
    [InlineData(238980000L, "¥2,389,800.00")]
    [InlineData(11949000L, "¥119,490.00")]
    [InlineData(100205L, "¥1,002.05")]
    [InlineData(5L, "¥0.05")]
    [InlineData(0L, "¥0.00")]
    [InlineData(-500L, "-¥5.00")]
    [InlineData(999_999_999_999_999L, "¥9,999,999,999,999.99")]
    public void ToString_is_the_contract_figure(long fen, string expected) =>
        Assert.Equal(expected, Money.FromFen(fen).ToString());

    [Theory]
    [InlineData("¥ 2389800.00", 238980000L)]
    [InlineData("¥ 119490.00 元", 11949000L)]
    [InlineData("6786400", 678640000L)]
    [InlineData("6786400.00 元", 678640000L)]
    [InlineData("人民币小写：203592.00元", 20359200L)]
    [InlineData("小写：2245330.00", 224533000L)]
    [InlineData("￥2,389,800.00", 238980000L)]
    [InlineData("-¥5.00", -500L)]
    [InlineData("0.5", 50L)]
    public void TryParse_reads_typed_figures(string text, long fen)
    {
        Assert.True(Money.TryParse(text, out var money));
        Assert.Equal(fen, money.Fen);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.005")]
    [InlineData("1e5")]
    [InlineData("¥")]
    [InlineData("1.2.3")]
    public void TryParse_rejects_what_is_not_an_amount(string? text)
    {
        Assert.False(Money.TryParse(text, out _));
        Assert.Throws<DomainException>(() => Money.Parse(text));
    }

    [Fact]
    public void ToString_round_trips_through_Parse()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var money = Money.FromFen(random.NextInt64(-999_999_999_999_999, 999_999_999_999_999));
            Assert.Equal(money, Money.Parse(money.ToString()));
        }
    }

    [Fact]
    public void Arithmetic_and_comparison_are_exact()
    {
        var a = Money.FromYuan(1280800m);
        var b = Money.FromYuan(1109000m);
        Assert.Equal(Money.FromYuan(2389800m), a + b);
        Assert.Equal(Money.FromYuan(171800m), a - b);
        Assert.Equal(Money.FromYuan(-1280800m), -a);
        Assert.True(b < a);
        Assert.True(a > b);
        Assert.True(a >= b);
        Assert.True(b <= a);
        Assert.Equal(1, a.CompareTo(b));
        Assert.Equal(a, Money.Max(a, b));
        Assert.Equal(b, Money.Min(a, b));
        Assert.Equal(Money.FromYuan(2389800m), Money.Sum([a, b]));
        Assert.Equal(Money.Zero, Money.Sum([]));
        Assert.Equal(Money.FromYuan(3.50m), Money.FromYuan(0.35m) * 10);
        Assert.Equal(Money.FromYuan(3.50m), 10 * Money.FromYuan(0.35m));
    }

    [Fact]
    public void Arithmetic_overflow_is_not_silent() =>
        Assert.Throws<OverflowException>(() => Money.FromFen(long.MaxValue) + Money.FromFen(1));

    [Theory]
    [InlineData(1L, "50", 1L)] // 0.5 分 rounds away from zero
    [InlineData(-1L, "50", -1L)]
    [InlineData(3L, "50", 2L)] // 1.5 分
    [InlineData(-3L, "50", -2L)]
    [InlineData(1L, "49", 0L)]
    [InlineData(238980000L, "0.03", 71694L)] // seed 000: 0.03 % per day of ¥2,389,800 = ¥716.94
    [InlineData(678640000L, "0.5", 3393200L)] // seed 001: 0.5 % per day of ¥6,786,400 = ¥33,932
    [InlineData(678640000L, "10", 67864000L)] // seed 001: cap 10 %
    [InlineData(678640000L, "30", 203592000L)] // seed 001: all penalties ≤ 30 %
    [InlineData(12345L, "33.333", 4115L)] // 4114.99... → 4115
    [InlineData(100L, "0.5", 1L)] // ¥1.00 × 0.5 % = 0.5 分 → 1 分
    public void Percent_rounds_half_away_from_zero_to_the_fen(long fen, string percent, long expected) =>
        Assert.Equal(expected, Money.FromFen(fen).Percent(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)).Fen);

    [Theory]
    [InlineData(238980000L, "0.0003", 71694L)]
    [InlineData(1L, "0.5", 1L)]
    [InlineData(-1L, "0.5", -1L)]
    [InlineData(5L, "0.1", 1L)] // 0.5 分
    [InlineData(15L, "0.1", 2L)] // 1.5 分
    [InlineData(25L, "0.1", 3L)] // 2.5 分: away from zero, not to even
    [InlineData(-25L, "0.1", -3L)]
    public void MultiplyRounded_rounds_half_away_from_zero_to_the_fen(long fen, string factor, long expected) =>
        Assert.Equal(expected, Money.FromFen(fen).MultiplyRounded(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture)).Fen);

    [Theory]
    [InlineData("1.005", 101L)]
    [InlineData("-1.005", -101L)]
    [InlineData("1.0049", 100L)]
    [InlineData("2.665", 267L)] // 266.5 分: away from zero, not to even
    public void FromYuanRounded_uses_the_same_rule(string yuan, long fen) =>
        Assert.Equal(fen, Money.FromYuanRounded(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)).Fen);

    [Fact]
    public void Percent_of_huge_amounts_fails_cleanly() =>
        Assert.Throws<DomainException>(() => Money.FromFen(long.MaxValue).Percent(1000m));

    [Fact]
    public void ToWords_has_the_prefix_by_default_and_can_leave_it_out()
    {
        var money = Money.FromYuan(2389800m);
        Assert.Equal("人民币贰佰叁拾捌万玖仟捌佰元整", money.ToWords());
        Assert.Equal("贰佰叁拾捌万玖仟捌佰元整", money.ToWords(withCurrencyPrefix: false));
    }
}
