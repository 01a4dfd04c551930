using System.Text.RegularExpressions;
using Weibao.Domain.Finance;

namespace Weibao.Domain.Tests.Finance;

/// <summary>Every figure and every 大写 in the seed contracts (../shared/seeds), exactly as written there.</summary>
public class SeedAmountTests
{
    public static TheoryData<string, string, string> SeedPairs => new()
    {
        // 000: university purchase contract.
        { "000 line 20, total", "¥ 2389800.00", "人民币 贰佰叁拾捌万玖仟捌佰 元整" },
        { "000 line 30, contract amount", "¥ 2389800.00 元", "人民币 贰佰叁拾捌万玖仟捌佰 元整" },
        { "000 line 36, 5 % bond", "¥ 119490.00 元", "人民币 壹拾壹万玖仟肆佰玖拾 元整" },
        { "000 line 42, 30 % payment", "¥ 716940.00 元", "人民币柒拾壹万陆仟玖佰肆拾元整" },
        { "000 line 42, 50 % payment", "¥ 1194900.00 元", "人民币壹佰壹拾玖万肆仟玖佰元整" },
        { "000 line 42, 20 % payment", "¥ 477960.00 元", "人民币肆拾柒万柒仟玖佰陆拾元整" },
        // 001: police bureau purchase contract.
        { "001 line 91, contract total", "人民币小写：6786400.00 元", "人民币大写：陆佰柒拾捌万陆仟肆佰元整" },
        { "001 line 101, 50 % advance", "人民币小写：3393200.00 元", "人民币大写：叁佰叁拾玖万叁仟贰佰元整" },
        { "001 line 103, 50 % after acceptance", "人民币小写：3393200.00 元", "人民币大写：叁佰叁拾玖万叁仟贰佰元整" },
        { "001 line 207, 3 % bank guarantee", "人民币小写：203592.00元", "大写人民币：贰拾万叁仟伍佰玖拾贰元整" },
        { "001 line 279, annex total", "6786400", "人民币大写： 陆佰柒拾捌万陆仟肆佰元整" },
        // 004: data-centre hosting bid.
        { "004 line 12, bid price", "小写：2245330.00", "大写： 贰佰贰拾肆万伍仟叁佰叁拾元整" },
    };

    [Theory]
    [MemberData(nameof(SeedPairs))]
    public void Seed_figures_and_words_agree(string where, string figure, string words)
    {
        var amount = Money.Parse(figure);
        var check = AmountInWords.CheckAgreement(amount, words);
        Assert.True(check.Agrees, $"{where}: {check.Message}");
        Assert.Equal(amount, AmountInWords.Parse(words));
        // Our own 大写 of the figure is the seed's, once spaces and the prefix are taken out.
        Assert.Equal(Regex.Replace(words, @"\s|人民币|大写|：", string.Empty), AmountInWords.Format(amount));
    }

    [Theory]
    [InlineData("000 SPR instrument", "1280800")]
    [InlineData("000 GC-MS", "1109000")]
    [InlineData("001 media player unit price", "344")]
    [InlineData("001 media players", "1002760")]
    [InlineData("001 body camera unit price", "916")]
    [InlineData("001 body cameras", "2670140")]
    [InlineData("001 collection station unit price", "9580")]
    [InlineData("001 collection stations", "3113500")]
    public void Seed_figures_without_words_round_trip(string where, string figure)
    {
        var amount = Money.Parse(figure);
        Assert.True(AmountInWords.CheckAgreement(amount, amount.ToWords()).Agrees, where);
    }

    [Fact]
    public void Seed_000_lines_sum_and_percentages_match_the_contract()
    {
        var total = Money.FromYuan(1280800m) + Money.FromYuan(1109000m);
        Assert.Equal(AmountInWords.Parse("贰佰叁拾捌万玖仟捌佰元整"), total);
        Assert.Equal(AmountInWords.Parse("壹拾壹万玖仟肆佰玖拾元整"), total.Percent(5));
        Assert.Equal(AmountInWords.Parse("柒拾壹万陆仟玖佰肆拾元整"), total.Percent(30));
        Assert.Equal(AmountInWords.Parse("壹佰壹拾玖万肆仟玖佰元整"), total.Percent(50));
        Assert.Equal(AmountInWords.Parse("肆拾柒万柒仟玖佰陆拾元整"), total.Percent(20));
        Assert.Equal(total, total.Percent(30) + total.Percent(50) + total.Percent(20));
        Assert.Equal(Money.FromYuan(716.94m), total.Percent(0.03m)); // late delivery, per day
        Assert.Equal(Money.FromYuan(238980m), total.Percent(10)); // termination
    }

    [Fact]
    public void Seed_001_lines_sum_and_percentages_match_the_contract()
    {
        var players = Money.FromYuan(344m) * 2915;
        var cameras = Money.FromYuan(916m) * 2915;
        var stations = Money.FromYuan(9580m) * 325;
        Assert.Equal(Money.FromYuan(1002760m), players);
        Assert.Equal(Money.FromYuan(2670140m), cameras);
        Assert.Equal(Money.FromYuan(3113500m), stations);
        var total = players + cameras + stations;
        Assert.Equal(AmountInWords.Parse("陆佰柒拾捌万陆仟肆佰元整"), total);
        Assert.Equal(AmountInWords.Parse("叁佰叁拾玖万叁仟贰佰元整"), total.Percent(50));
        Assert.Equal(AmountInWords.Parse("贰拾万叁仟伍佰玖拾贰元整"), total.Percent(3));
        Assert.Equal(Money.FromYuan(33932m), total.Percent(0.5m)); // per calendar day late
        Assert.Equal(Money.FromYuan(678640m), total.Percent(10)); // cap per clause
        Assert.Equal(Money.FromYuan(2035920m), total.Percent(30)); // cap on all penalties
    }

    /// <summary>
    /// Scans the seed files themselves (when the shared folder is present) so that a 大写 added to a seed is
    /// checked too: every run of 大写 characters must read, and its figure must appear within 60 characters.
    /// </summary>
    [Fact]
    public void Every_words_amount_in_the_seed_files_reads_and_matches_a_nearby_figure()
    {
        var folder = FindSeeds();
        if (folder is null)
        {
            return; // The seeds live outside the repository; the cases above hold them verbatim.
        }

        var found = 0;
        foreach (var file in Directory.GetFiles(folder, "*.txt"))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in Regex.Matches(text, @"[零壹贰叁肆伍陆柒捌玖拾佰仟万亿][零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整\s]*[元角分整]"))
            {
                var words = match.Value.Trim();
                Assert.True(AmountInWords.TryParse(words, out var amount, out var error), $"{Path.GetFileName(file)}: “{words}”: {error}");
                var start = Math.Max(0, match.Index - 60);
                var window = text.Substring(start, Math.Min(text.Length - start, match.Length + 120)).Replace(",", string.Empty, StringComparison.Ordinal);
                var figures = Regex.Matches(window, @"\d+(\.\d{1,2})?").Select(m => decimal.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Contains(amount.Yuan, figures);
                found++;
            }
        }

        Assert.True(found >= 12, $"expected at least 12 大写 amounts in the seeds, found {found}");
    }

    private static string? FindSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seeds");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
