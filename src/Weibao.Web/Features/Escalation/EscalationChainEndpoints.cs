using Weibao.Web.Features.Auth;

namespace Weibao.Web.Features.Escalation;

public static class EscalationChainEndpoints
{
    public static RouteGroupBuilder MapEscalationChainEndpoints(this RouteGroupBuilder api)
    {
        // Reading is open to every signed-in user: a buyer user reads its own contracts' chains (another buyer's is 404).
        var chains = api.MapGroup("/contracts/{contractId:long}/escalation-chain").WithTags("Escalation");
        chains.MapGet("/", (long contractId, EscalationChainService service, CancellationToken ct) => service.GetAsync(contractId, ct))
            .WithSummary("The contract's escalation chain (升级路径): levels 1–3 with their contacts (staff users or external contacts such as the manufacturer's hotline); levels without contacts use the default (managers, then directors), listed under defaultContacts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        chains.MapPut("/", (long contractId, EscalationChainInput input, EscalationChainService service, CancellationToken ct) => service.SaveAsync(contractId, input, ct))
            .RequireAuthorization(Policies.ContractEditors)
            .WithSummary("Sets the contract's escalation chain whole: levels [{level, contacts: [{userId} | {name, phone, email}]}], in order. No contacts at all puts the contract back on the default. 409 on a stale version.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/escalation-staff", (EscalationChainService service, CancellationToken ct) => service.StaffAsync(ct))
            .RequireAuthorization(Policies.ContractEditors).WithTags("Escalation")
            .WithSummary("Staff users who can be put on an escalation chain (their ids for the chain's userId).");
        return api;
    }
}
