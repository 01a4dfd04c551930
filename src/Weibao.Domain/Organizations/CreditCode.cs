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
/// A 统一社会信用代码 (unified social credit code, GB 32100-2015): registration authority,
/// entity type, administrative division, organisation code and check character.
/// </summary>
public readonly record struct CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // GB 32100-2015 table 1 and 2: the authority codes and the entity types each may issue.
    private static readonly Dictionary<char, string> TypesByAuthority = new()
    {
        ['1'] = "1239",
        ['2'] = "19",
        ['3'] = "1234569",
        ['4'] = "19",
        ['5'] = "1239",
        ['6'] = "129",
        ['7'] = "129",
        ['8'] = "19",
        ['9'] = "123",
        ['A'] = "19",
        ['N'] = "1239",
        ['Y'] = "1",
    };

    // Province-level prefixes of GB/T 2260 (and 10 for central-level registration).
    private static readonly HashSet<string> Provinces =
    [
        "10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82",
    ];

    private CreditCode(string value) => Value = value;

    /// <summary>The 18 characters, upper case.</summary>
    public string Value { get; }

    /// <summary>The 6-digit administrative division (characters 3–8).</summary>
    public string AdministrativeDivision => Value.Substring(2, 6);

    /// <summary>Validates <paramref name="text"/>; on success <paramref name="code"/> holds it normalised to upper case.</summary>
    public static bool TryParse(string? text, out CreditCode code, out CreditCodeError error)
    {
        code = default;
        error = Validate(text);
        if (error != CreditCodeError.None)
        {
            return false;
        }

        code = new CreditCode(text!.Trim().ToUpperInvariant());
        return true;
    }

    /// <summary>Parses or throws a <see cref="DomainException"/> naming the broken rule.</summary>
    public static CreditCode Parse(string? text) =>
        TryParse(text, out var code, out var error)
            ? code
            : throw new DomainException($"Invalid unified social credit code '{text}': {error}.");

    /// <summary>The check character for the first 17 characters of a code.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    private static CreditCodeError Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CreditCodeError.Empty;
        }

        var value = text.Trim().ToUpperInvariant();
        if (value.Length != 18)
        {
            return CreditCodeError.WrongLength;
        }

        foreach (var c in value)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return CreditCodeError.InvalidCharacter;
            }
        }

        if (!TypesByAuthority.TryGetValue(value[0], out var types))
        {
            return CreditCodeError.UnknownRegistrationAuthority;
        }

        if (!types.Contains(value[1], StringComparison.Ordinal))
        {
            return CreditCodeError.UnknownEntityType;
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return CreditCodeError.InvalidAdministrativeDivision;
            }
        }

        if (!Provinces.Contains(value.Substring(2, 2)))
        {
            return CreditCodeError.InvalidAdministrativeDivision;
        }

        return ComputeCheckCharacter(value) == value[17] ? CreditCodeError.None : CreditCodeError.WrongCheckCharacter;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
