using Weibao.Domain.Assets;

namespace Weibao.Domain.Tests.Assets;

public class AssetTagPatternTests
{
    [Theory]
    [InlineData("{code}-{line}-{0000}", "PG2026", 2, 7, "PG2026-2-0007")]
    [InlineData("{code}-{line}-{0000}", "PG2026", 1, 2915, "PG2026-1-2915")]
    [InlineData("{code}{line:00}{000}", "HKD", 3, 12345, "HKD0312345")]
    [InlineData("设备-{0}", "X", 1, 9, "设备-9")]
    public void Formats_each_placeholder(string pattern, string code, int line, int sequence, string expected) =>
        Assert.Equal(expected, AssetTagPattern.Parse(pattern).Format(code, line, sequence));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{code}-{line}", "exactly one sequence")]
    [InlineData("{000}-{00}", "exactly one sequence")]
    [InlineData("{code}-{serial}-{000}", "Unknown placeholder '{serial}'")]
    [InlineData("{code-{000}", "Unknown placeholder")]
    [InlineData("{code}-{000", "Unclosed")]
    [InlineData("code}-{000}", "Unmatched")]
    public void Rejects_bad_patterns_with_the_reason(string pattern, string reason)
    {
        Assert.False(AssetTagPattern.TryParse(pattern, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => AssetTagPattern.Parse(pattern));
    }

    [Fact]
    public void The_default_pattern_is_valid_and_numbers_thousands_of_units_uniquely()
    {
        var pattern = AssetTagPattern.Parse(AssetTagPattern.Default);
        Assert.Equal(4, pattern.SequenceWidth);
        var tags = Enumerable.Range(1, 2915).Select(i => pattern.Format("PG2026", 2, i)).ToList();
        Assert.Equal(2915, tags.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("PG2026-2-0001", tags[0]);
    }
}
