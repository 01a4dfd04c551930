namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Runs one operation of a Blazor component in its own DI scope, acting for the circuit's user.
/// Scoped services that hold a context (Identity's stores) then live for one operation, not for
/// the whole circuit.
/// </summary>
public sealed class OperationRunner(IServiceScopeFactory scopes, DataScope current)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScope>().CopyFrom(current);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task RunAsync<TService>(Func<TService, Task> operation)
        where TService : notnull =>
        RunAsync<TService, bool>(async service =>
        {
            await operation(service);
            return true;
        });
}
