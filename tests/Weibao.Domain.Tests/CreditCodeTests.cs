using Weibao.Domain.Organizations;

namespace Weibao.Domain.Tests;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91110105666288389K")]
    [InlineData("91410105572489497J")]
    [InlineData("124100004165265089")]
    public void Seed_codes_are_valid(string text) => Assert.True(CreditCode.TryParse(text, out _, out _));

    [Fact]
    public void Wrong_check_character_is_named() =>
        Assert.False(CreditCode.TryParse("91110105666288389A", out _, out var error) || error != CreditCodeError.WrongCheckCharacter);
}
