using System.Collections.Frozen;

namespace Weibao.Domain.Organizations;

/// <summary>Which rule of GB 32100-2015 a candidate 统一社会信用代码 broke.</summary>
public enum CreditCodeError
{
    /// <summary>No error.</summary>
    None,
    /// <summary>Nothing was given.</summary>
    Empty,
    /// <summary>Not 18 characters long.</summary>
    WrongLength,
    /// <summary>A character outside 0-9 and A-Z without I, O, S, V, Z.</summary>
    InvalidCharacter,
    /// <summary>The first character is not a registration authority code.</summary>
    UnknownRegistrationAuthority,
    /// <summary>The second character is not a type code of that authority.</summary>
    UnknownEntityType,
    /// <summary>Characters 3–8 are not a 6-digit administrative division with a known province.</summary>
    InvalidAdministrativeDivision,
    /// <summary>The 18th character does not match the check computed from the other 17.</summary>
    WrongCheckCharacter,
}

/// <summary>
/// A 统一社会信用代码 (unified social credit code, GB 32100-2015): registration authority, entity type,
/// administrative division, organisation code and check character.
/// </summary>
/// <remarks>
/// <para>Validated: 18 characters; the alphabet (digits and capital letters without I, O, S, V, Z); the registration
/// authority (character 1) and an entity type that authority issues (character 2), per table 1 and 2 of the standard and
/// its amendments (A 中央军委改革和编制办公室, N 农业); characters 3–8 are six digits whose first two are a
/// province-level code of GB/T 2260 (or 10 for central registration); and the check character (character 18,
/// weighted sum modulo 31).</para>
/// <para>Not validated: that the division exists in the current GB/T 2260 list (divisions are renamed and merged, and a
/// code keeps the division it was issued in), and the GB 11714 check digit inside the organisation code (characters
/// 9–17), which codes issued to 个体工商户 and some others do not carry; <see cref="HasOrganizationCodeCheck"/> reports
/// it for information.</para>
/// <para>Input is trimmed, upper-cased, and full-width digits and letters (as copied from Chinese documents) are read as
/// their ASCII forms.</para>
/// </remarks>
public readonly record struct CreditCode
{
    private static string Alphabet => "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Weights of positions 1–17: 3^(i) mod 31.
    private static ReadOnlySpan<int> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // GB 32100-2015 table 1 and 2 (with amendments): registration authority → entity types it issues.
    private static readonly FrozenDictionary<char, (string Name, FrozenDictionary<char, string> Types)> Authorities =
        new Dictionary<char, (string, FrozenDictionary<char, string>)>
        {
            ['1'] = ("机构编制", Types(('1', "机关"), ('2', "事业单位"), ('3', "中央编办直接管理机构编制的群众团体"), ('9', "其他"))),
            ['2'] = ("外交", Types(('1', "外国常驻新闻机构"), ('9', "其他"))),
            ['3'] = ("司法行政", Types(('1', "律师执业机构"), ('2', "公证处"), ('3', "基层法律服务所"), ('4', "司法鉴定机构"), ('5', "仲裁委员会"), ('9', "其他"))),
            ['4'] = ("文化", Types(('1', "外国在华文化中心"), ('9', "其他"))),
            ['5'] = ("民政", Types(('1', "社会团体"), ('2', "民办非企业单位"), ('3', "基金会"), ('9', "其他"))),
            ['6'] = ("旅游", Types(('1', "外国旅游部门常驻代表机构"), ('2', "港澳台地区旅游部门常驻内地（大陆）代表机构"), ('9', "其他"))),
            ['7'] = ("宗教", Types(('1', "宗教活动场所"), ('2', "宗教院校"), ('9', "其他"))),
            ['8'] = ("工会", Types(('1', "基层工会"), ('9', "其他"))),
            ['9'] = ("工商", Types(('1', "企业"), ('2', "个体工商户"), ('3', "农民专业合作社"))),
            ['A'] = ("中央军委改革和编制办公室", Types(('1', "军队事业单位"), ('9', "其他"))),
            ['N'] = ("农业", Types(('1', "组级集体经济组织"), ('2', "村级集体经济组织"), ('3', "乡镇级集体经济组织"), ('9', "其他"))),
            ['Y'] = ("其他", Types(('1', "其他"))),
        }.ToFrozenDictionary();

    // Province-level codes of GB/T 2260, and 10 for registration at central level.
    private static readonly FrozenDictionary<string, string> Provinces = new Dictionary<string, string>
    {
        ["10"] = "中央",
        ["11"] = "北京市",
        ["12"] = "天津市",
        ["13"] = "河北省",
        ["14"] = "山西省",
        ["15"] = "内蒙古自治区",
        ["21"] = "辽宁省",
        ["22"] = "吉林省",
        ["23"] = "黑龙江省",
        ["31"] = "上海市",
        ["32"] = "江苏省",
        ["33"] = "浙江省",
        ["34"] = "安徽省",
        ["35"] = "福建省",
        ["36"] = "江西省",
        ["37"] = "山东省",
        ["41"] = "河南省",
        ["42"] = "湖北省",
        ["43"] = "湖南省",
        ["44"] = "广东省",
        ["45"] = "广西壮族自治区",
        ["46"] = "海南省",
        ["50"] = "重庆市",
        ["51"] = "四川省",
        ["52"] = "贵州省",
        ["53"] = "云南省",
        ["54"] = "西藏自治区",
        ["61"] = "陕西省",
        ["62"] = "甘肃省",
        ["63"] = "青海省",
        ["64"] = "宁夏回族自治区",
        ["65"] = "新疆维吾尔自治区",
        ["71"] = "台湾省",
        ["81"] = "香港特别行政区",
        ["82"] = "澳门特别行政区",
    }.ToFrozenDictionary();

    private CreditCode(string value) => Value = value;

    /// <summary>The 18 characters, upper case.</summary>
    public string Value { get; }

    /// <summary>The registration authority code (character 1), e.g. <c>9</c> for 工商 (market regulation).</summary>
    public char RegistrationAuthority => Value[0];

    /// <summary>The registration authority's name, e.g. 工商.</summary>
    public string RegistrationAuthorityName => Authorities[Value[0]].Name;

    /// <summary>The entity type code (character 2), e.g. <c>1</c> for 企业 under authority 9.</summary>
    public char EntityType => Value[1];

    /// <summary>The entity type's name, e.g. 企业, 事业单位.</summary>
    public string EntityTypeName => Authorities[Value[0]].Types[Value[1]];

    /// <summary>The 6-digit administrative division (characters 3–8).</summary>
    public string AdministrativeDivision => Value.Substring(2, 6);

    /// <summary>The province-level region of the division, e.g. 河南省 (or 中央 for central registration).</summary>
    public string ProvinceName => Provinces[Value.Substring(2, 2)];

    /// <summary>The subject identifier (characters 9–17), for older entities their 组织机构代码 (GB 11714).</summary>
    public string OrganizationCode => Value.Substring(8, 9);

    /// <summary>The check character (character 18).</summary>
    public char CheckCharacter => Value[17];

    /// <summary>
    /// Whether characters 9–17 carry a valid GB 11714 check digit, as the 组织机构代码 of most legal entities do.
    /// For information only: codes of 个体工商户 and some others do not, and are still valid.
    /// </summary>
    public bool HasOrganizationCodeCheck
    {
        get
        {
            ReadOnlySpan<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                var c = Value[8 + i];
                sum += (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * weights[i];
            }

            var check = 11 - (sum % 11);
            var expected = check switch
            {
                10 => 'X',
                11 => '0',
                _ => (char)('0' + check),
            };
            return Value[16] == expected;
        }
    }

    /// <summary>Validates <paramref name="text"/>; on success <paramref name="code"/> holds it normalised to upper case.</summary>
    public static bool TryParse(string? text, out CreditCode code, out CreditCodeError error) =>
        TryParse(text, out code, out error, out _);

    /// <summary>
    /// Validates <paramref name="text"/>; on failure <paramref name="message"/> names the rule and the offending
    /// characters, in Chinese and English (for example
    /// <c>第18位校验码应为“K”，不是“A” / Character 18 (check) should be 'K', not 'A'.</c>).
    /// </summary>
    public static bool TryParse(string? text, out CreditCode code, out CreditCodeError error, out string message)
    {
        code = default;
        (error, message) = Validate(text, out var normalized);
        if (error != CreditCodeError.None)
        {
            return false;
        }

        code = new CreditCode(normalized);
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is a valid code.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    /// <summary>Parses or throws a <see cref="DomainException"/> naming the broken rule.</summary>
    public static CreditCode Parse(string? text) =>
        TryParse(text, out var code, out _, out var message)
            ? code
            : throw new DomainException($"统一社会信用代码“{text}”无效：{message}");

    /// <summary>What an error means, in Chinese and English, for showing next to an input field.</summary>
    public static string Describe(CreditCodeError error) => error switch
    {
        CreditCodeError.None => "有效 / Valid.",
        CreditCodeError.Empty => "未填写统一社会信用代码 / No code was given.",
        CreditCodeError.WrongLength => "统一社会信用代码应为18位 / The code must be 18 characters long.",
        CreditCodeError.InvalidCharacter =>
            "只能使用数字和除 I、O、S、V、Z 以外的大写字母 / Only digits and capital letters other than I, O, S, V, Z are allowed.",
        CreditCodeError.UnknownRegistrationAuthority =>
            "第1位不是登记管理部门代码（1–9、A、N、Y） / Character 1 is not a registration authority code (1–9, A, N, Y).",
        CreditCodeError.UnknownEntityType =>
            "第2位不是该登记管理部门的机构类别代码 / Character 2 is not an entity type of that registration authority.",
        CreditCodeError.InvalidAdministrativeDivision =>
            "第3–8位不是行政区划代码 / Characters 3–8 are not an administrative division code.",
        CreditCodeError.WrongCheckCharacter =>
            "第18位校验码不符，代码可能有输入错误 / Character 18 does not match the check of the other 17; the code was probably mistyped.",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    /// <summary>The check character for the first 17 characters of a code (GB 32100-2015, 5.3).</summary>
    /// <exception cref="ArgumentException">Fewer than 17 characters, or one outside the code alphabet.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length < 17)
        {
            throw new ArgumentException("A credit code's check needs its first 17 characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' at position {i + 1} is not in the credit code alphabet.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static (CreditCodeError Error, string Message) Validate(string? text, out string value)
    {
        value = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return (CreditCodeError.Empty, Describe(CreditCodeError.Empty));
        }

        value = Normalize(text.Trim());
        if (value.Length != 18)
        {
            return (CreditCodeError.WrongLength,
                $"统一社会信用代码应为18位，实为{value.Length}位 / The code must be 18 characters long, not {value.Length}.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!Alphabet.Contains(value[i], StringComparison.Ordinal))
            {
                var reason = value[i] is 'I' or 'O' or 'S' or 'V' or 'Z'
                    ? $"字母{value[i]}不用于统一社会信用代码 / the letter {value[i]} is not used in credit codes"
                    : "不是数字或大写字母 / not a digit or capital letter";
                return (CreditCodeError.InvalidCharacter, $"第{i + 1}位“{value[i]}”无效：{reason}.");
            }
        }

        if (!Authorities.TryGetValue(value[0], out var authority))
        {
            return (CreditCodeError.UnknownRegistrationAuthority,
                $"第1位“{value[0]}”不是登记管理部门代码（1–9、A、N、Y） / Character 1 '{value[0]}' is not a registration authority code (1–9, A, N, Y).");
        }

        if (!authority.Types.ContainsKey(value[1]))
        {
            var allowed = string.Join("、", authority.Types.Keys.Order());
            return (CreditCodeError.UnknownEntityType,
                $"第2位“{value[1]}”不是登记管理部门“{authority.Name}”的机构类别代码（应为 {allowed}）/ Character 2 '{value[1]}' is not an entity type of registration authority {value[0]} (expected {allowed}).");
        }

        var division = value.Substring(2, 6);
        if (!division.All(char.IsAsciiDigit))
        {
            return (CreditCodeError.InvalidAdministrativeDivision,
                $"第3–8位“{division}”应为6位数字的行政区划代码 / Characters 3–8 '{division}' must be a 6-digit administrative division.");
        }

        if (!Provinces.ContainsKey(division[..2]))
        {
            return (CreditCodeError.InvalidAdministrativeDivision,
                $"第3–8位“{division}”的前两位“{division[..2]}”不是省级行政区划代码 / '{division[..2]}' at characters 3–4 is not a province-level division code.");
        }

        var expected = ComputeCheckCharacter(value);
        if (expected != value[17])
        {
            return (CreditCodeError.WrongCheckCharacter,
                $"第18位校验码应为“{expected}”，不是“{value[17]}”，代码可能有输入错误 / Character 18 (check) should be '{expected}', not '{value[17]}'; the code was probably mistyped.");
        }

        return (CreditCodeError.None, string.Empty);
    }

    // Upper case; full-width digits and letters become ASCII.
    private static string Normalize(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c is >= '０' and <= '９')
            {
                c = (char)(c - '０' + '0');
            }
            else if (c is >= 'Ａ' and <= 'Ｚ')
            {
                c = (char)(c - 'Ａ' + 'A');
            }
            else if (c is >= 'ａ' and <= 'ｚ')
            {
                c = (char)(c - 'ａ' + 'A');
            }

            span[i] = char.ToUpperInvariant(c);
        }
    });

    private static FrozenDictionary<char, string> Types(params (char Code, string Name)[] types) =>
        types.ToFrozenDictionary(t => t.Code, t => t.Name);
}
