namespace Weibao.Web.Infrastructure.Errors;

/// <summary>Input broke one or more field rules; <see cref="Errors"/> is keyed by the camelCase field name.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IDictionary<string, string[]> errors)
        : base("One or more fields are invalid.")
    {
        Errors = new Dictionary<string, string[]>(errors);
    }

    public ValidationFailedException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>The thing asked for does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller is known but may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The request conflicts with the current state (e.g. a duplicate user name).</summary>
public sealed class ConflictException(string message) : Exception(message);
