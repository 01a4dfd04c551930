namespace Weibao.Web.Infrastructure.Errors;

/// <summary>Collects per-field messages for one input; UI and API show the same ones.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public IEnumerable<string> Fields => _errors.Keys;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public string? For(string field) => _errors.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws <see cref="ValidationFailedException"/> when any field is wrong.</summary>
    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new ValidationFailedException(ToDictionary());
        }
    }

    public static FieldErrors From(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var result = new FieldErrors();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                result.Add(field, message);
            }
        }

        return result;
    }
}
