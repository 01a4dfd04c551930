using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Weibao.Domain.Organizations;

namespace Weibao.Domain.Tests.Organizations;

public class CreditCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // GB 32100-2015 table 1 and 2, written out again here so that the test does not trust the implementation's table.
    private static readonly Dictionary<char, string> TypesByAuthority = new()
    {
        ['1'] = "1239", // 机构编制: 机关, 事业单位, 群众团体, 其他
        ['2'] = "19", // 外交
        ['3'] = "123459", // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
        ['4'] = "19", // 文化
        ['5'] = "1239", // 民政: 社会团体, 民办非企业单位, 基金会, 其他
        ['6'] = "129", // 旅游
        ['7'] = "129", // 宗教
        ['8'] = "19", // 工会
        ['9'] = "123", // 工商: 企业, 个体工商户, 农民专业合作社
        ['A'] = "19", // 中央军委改革和编制办公室
        ['N'] = "1239", // 农业
        ['Y'] = "1", // 其他
    };

    private static readonly string[] Provinces =
    [
        "10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    ];

    [Theory]
    [InlineData("91110105666288389K", '9', "工商", '1', "企业", "110105", "北京市")] // seed 001: supplier
    [InlineData("91410105572489497J", '9', "工商", '1', "企业", "410105", "河南省")] // seed 000: supplier
    [InlineData("124100004165265089", '1', "机构编制", '2', "事业单位", "410000", "河南省")] // seed 000: university
    public void Seed_codes_are_valid_and_read_like_the_standard(
        string text, char authority, string authorityName, char type, string typeName, string division, string province)
    {
        Assert.True(CreditCode.TryParse(text, out var code, out var error, out var message));
        Assert.Equal(CreditCodeError.None, error);
        Assert.Equal(string.Empty, message);
        Assert.Equal(text, code.Value);
        Assert.Equal(text, code.ToString());
        Assert.Equal(authority, code.RegistrationAuthority);
        Assert.Equal(authorityName, code.RegistrationAuthorityName);
        Assert.Equal(type, code.EntityType);
        Assert.Equal(typeName, code.EntityTypeName);
        Assert.Equal(division, code.AdministrativeDivision);
        Assert.Equal(province, code.ProvinceName);
        Assert.Equal(text[8..17], code.OrganizationCode);
        Assert.Equal(text[17], code.CheckCharacter);
        Assert.True(code.HasOrganizationCodeCheck); // all three embed a valid GB 11714 organisation code
        Assert.Equal(code, CreditCode.Parse(text));
        Assert.True(CreditCode.IsValid(text));
    }

    [Theory]
    [InlineData("  91110105666288389k ", "91110105666288389K")]
    [InlineData("９１１１０１０５６６６２８８３８９Ｋ", "91110105666288389K")]
    [InlineData("９１１１０１０５６６６２８８３８９ｋ", "91110105666288389K")]
    public void Input_is_trimmed_upper_cased_and_full_width_is_read(string text, string value) =>
        Assert.Equal(value, CreditCode.Parse(text).Value);

    [Theory]
    [InlineData(null, CreditCodeError.Empty, "未填写")]
    [InlineData("", CreditCodeError.Empty, "No code was given")]
    [InlineData("   ", CreditCodeError.Empty, "未填写")]
    [InlineData("91110105666288389", CreditCodeError.WrongLength, "应为18位，实为17位")]
    [InlineData("91110105666288389KK", CreditCodeError.WrongLength, "not 19")]
    [InlineData("9111010566628838IK", CreditCodeError.InvalidCharacter, "第17位“I”无效：字母I不用于统一社会信用代码")]
    [InlineData("9111010566628838OK", CreditCodeError.InvalidCharacter, "the letter O is not used")]
    [InlineData("9111010566628838SK", CreditCodeError.InvalidCharacter, "字母S")]
    [InlineData("9111010566628838VK", CreditCodeError.InvalidCharacter, "字母V")]
    [InlineData("9111010566628838ZK", CreditCodeError.InvalidCharacter, "字母Z")]
    [InlineData("91110105-66288389K", CreditCodeError.InvalidCharacter, "第9位“-”无效：不是数字或大写字母")]
    [InlineData("9111 105666288389K", CreditCodeError.InvalidCharacter, "第5位")]
    [InlineData("01110105666288389K", CreditCodeError.UnknownRegistrationAuthority, "第1位“0”不是登记管理部门代码")]
    [InlineData("B1110105666288389K", CreditCodeError.UnknownRegistrationAuthority, "Character 1 'B'")]
    [InlineData("94110105666288389K", CreditCodeError.UnknownEntityType, "第2位“4”不是登记管理部门“工商”的机构类别代码（应为 1、2、3）")]
    [InlineData("36110105666288389K", CreditCodeError.UnknownEntityType, "“司法行政”")]
    [InlineData("Y2110105666288389K", CreditCodeError.UnknownEntityType, "(expected 1)")]
    [InlineData("91A10105666288389K", CreditCodeError.InvalidAdministrativeDivision, "第3–8位“A10105”应为6位数字")]
    [InlineData("91990105666288389K", CreditCodeError.InvalidAdministrativeDivision, "前两位“99”不是省级行政区划代码")]
    [InlineData("91000000666288389K", CreditCodeError.InvalidAdministrativeDivision, "'00' at characters 3–4")]
    [InlineData("91110105666288389A", CreditCodeError.WrongCheckCharacter, "第18位校验码应为“K”，不是“A”")]
    [InlineData("91110105666288398K", CreditCodeError.WrongCheckCharacter, "probably mistyped")] // two digits swapped
    public void Each_rule_is_named_when_broken(string? text, CreditCodeError expected, string fragment)
    {
        Assert.False(CreditCode.TryParse(text, out var code, out var error, out var message));
        Assert.Equal(default, code);
        Assert.Equal(expected, error);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
        Assert.False(CreditCode.TryParse(text, out _, out var shortError));
        Assert.Equal(expected, shortError);
        var ex = Assert.Throws<DomainException>(() => CreditCode.Parse(text));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_has_a_description_in_both_languages()
    {
        foreach (var error in Enum.GetValues<CreditCodeError>())
        {
            var text = CreditCode.Describe(error);
            Assert.Contains(" / ", text, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => CreditCode.Describe((CreditCodeError)99));
    }

    [Fact]
    public void Every_authority_and_type_pair_is_accepted_exactly_when_the_standard_lists_it()
    {
        var accepted = 0;
        foreach (var authority in Alphabet)
        {
            foreach (var type in Alphabet)
            {
                var code = WithCheck($"{authority}{type}410105572489497");
                var valid = CreditCode.TryParse(code, out var parsed, out var error);
                var listed = TypesByAuthority.TryGetValue(authority, out var types) && types.Contains(type, StringComparison.Ordinal);
                Assert.True(valid == listed, $"{authority}{type}: {error}");
                if (valid)
                {
                    accepted++;
                    Assert.False(string.IsNullOrEmpty(parsed.EntityTypeName));
                    Assert.False(string.IsNullOrEmpty(parsed.RegistrationAuthorityName));
                }
                else
                {
                    Assert.Equal(TypesByAuthority.ContainsKey(authority) ? CreditCodeError.UnknownEntityType : CreditCodeError.UnknownRegistrationAuthority, error);
                }
            }
        }

        Assert.Equal(TypesByAuthority.Values.Sum(t => t.Length), accepted);
    }

    [Fact]
    public void Every_province_prefix_is_accepted_and_no_other()
    {
        for (var prefix = 0; prefix < 100; prefix++)
        {
            var two = prefix.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            var valid = CreditCode.TryParse(WithCheck($"91{two}0105572489497"), out _, out var error);
            Assert.Equal(Provinces.Contains(two), valid);
            if (!valid)
            {
                Assert.Equal(CreditCodeError.InvalidAdministrativeDivision, error);
            }
        }
    }

    [Fact]
    public void Any_single_character_change_is_caught()
    {
        // The mod-31 check catches every single substitution.
        const string valid = "91410105572489497J";
        for (var position = 0; position < 18; position++)
        {
            foreach (var c in Alphabet.Where(c => c != valid[position]))
            {
                var changed = valid[..position] + c + valid[(position + 1)..];
                Assert.False(CreditCode.IsValid(changed), changed);
            }
        }
    }

    [Fact]
    public void ComputeCheckCharacter_matches_the_seeds_and_rejects_bad_input()
    {
        Assert.Equal('K', CreditCode.ComputeCheckCharacter("91110105666288389"));
        Assert.Equal('J', CreditCode.ComputeCheckCharacter("91410105572489497"));
        Assert.Equal('9', CreditCode.ComputeCheckCharacter("12410000416526508"));
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter("9141010557248949"));
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter("914101055724894I7"));
    }

    [Fact]
    public void Organisation_code_check_is_reported_not_enforced()
    {
        // Same code with a different GB 11714 digit at position 17, re-checked: valid, but without an organisation code check.
        var code = CreditCode.Parse(WithCheck("91410105572489490"));
        Assert.False(code.HasOrganizationCodeCheck);
    }

    private static Arbitrary<string> RandomValidCodes()
    {
        var authorities = TypesByAuthority.Keys.ToArray();
        return (from authority in Gen.Elements(authorities)
                from type in Gen.Elements(TypesByAuthority[authority].ToCharArray())
                from province in Gen.Elements(Provinces)
                from rest in Gen.ArrayOf(Gen.Choose(0, 9), 4)
                from body in Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), 9)
                select WithCheck($"{authority}{type}{province}{string.Concat(rest)}{new string(body)}")).ToArbitrary();
    }

    [Property(MaxTest = 2000)]
    public Property Random_codes_with_a_computed_check_round_trip() =>
        Prop.ForAll(RandomValidCodes(), text =>
            CreditCode.TryParse(text.ToLowerInvariant(), out var code, out var error)
            && error == CreditCodeError.None
            && code.Value == text
            && code.CheckCharacter == CreditCode.ComputeCheckCharacter(text)
            && CreditCode.Parse(code.Value) == code);

    [Property(MaxTest = 2000)]
    public Property Random_codes_with_a_wrong_check_are_rejected_as_such() =>
        Prop.ForAll(RandomValidCodes(), Gen.Choose(1, 30).ToArbitrary(), (text, shift) =>
        {
            var wrong = text[..17] + Alphabet[(Alphabet.IndexOf(text[17], StringComparison.Ordinal) + shift) % 31];
            return !CreditCode.TryParse(wrong, out _, out var error) && error == CreditCodeError.WrongCheckCharacter;
        });

    private static string WithCheck(string first17) => first17 + CreditCode.ComputeCheckCharacter(first17);
}
