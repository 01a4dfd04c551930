using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// Sets the circuit's <see cref="DataScope"/> from its authentication state before any component
/// renders, and again whenever the state changes (revalidation, sign-out).
/// </summary>
internal sealed class DataScopeCircuitHandler(AuthenticationStateProvider authentication, DataScope scope) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        var state = await authentication.GetAuthenticationStateAsync();
        scope.SetFrom(state.User);
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        try
        {
            scope.SetFrom((await task).User);
        }
        catch (InvalidOperationException)
        {
            // The circuit is going away; nothing more will run in it.
        }
    }
}
