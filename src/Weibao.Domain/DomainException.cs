namespace Weibao.Domain;

/// <summary>
/// A business rule was broken. The message is meant for the person who broke it.
/// </summary>
public class DomainException : Exception
{
    public DomainException()
    {
    }

    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
