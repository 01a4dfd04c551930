using Microsoft.AspNetCore.Http.HttpResults;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Contracts;

namespace Weibao.Web.Features.Notifications;

public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var mine = api.MapGroup("/notifications").WithTags("Notifications");
        mine.MapGet("/", ListAsync).WithSummary("The signed-in user's in-app notifications, newest first.");
        mine.MapGet("/unread-count", async (NotificationService service, CancellationToken ct) => TypedResults.Ok(new UnreadCountResponse(await service.UnreadCountAsync(ct))))
            .WithSummary("How many of the signed-in user's notifications are unread (the bell's number).");
        mine.MapPost("/{id:long}/read", (long id, NotificationService service, CancellationToken ct) => service.MarkReadAsync(id, ct))
            .WithSummary("Marks one of the user's notifications read; another user's is a 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/read-all", async (NotificationService service, CancellationToken ct) => TypedResults.Ok(new MarkedReadResponse(await service.MarkAllReadAsync(ct))))
            .WithSummary("Marks all of the user's notifications read.");

        mine.MapGet("/dead-letters", (NotificationService service, CancellationToken ct, int page = 1, int pageSize = 20) => service.DeadLettersAsync(page, pageSize, ct))
            .RequireAuthorization(Policies.Admin).WithSummary("E-mail and webhook deliveries that failed every attempt, latest failure first.");
        mine.MapPost("/{id:long}/retry", async (long id, NotificationService service, CancellationToken ct) =>
            {
                await service.RetryAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Admin).WithSummary("Puts a dead letter back in the queue, due now, with a fresh round of attempts.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:long}/discard", async (long id, NotificationService service, CancellationToken ct) =>
            {
                await service.DiscardAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Admin).WithSummary("Gives up on a dead letter.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var webhooks = api.MapGroup("/webhooks").WithTags("Notifications").RequireAuthorization(Policies.Admin);
        webhooks.MapGet("/", (NotificationService service, CancellationToken ct) => service.WebhooksAsync(ct))
            .WithSummary("Webhook subscriptions (the secret is never returned, only whether there is one).");
        webhooks.MapGet("/{id:long}", (long id, NotificationService service, CancellationToken ct) => service.WebhookAsync(id, ct))
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/", CreateAsync).ProducesValidationProblem()
            .WithSummary("Registers a webhook: {name, url, format: Json|WeCom|DingTalk|Feishu, secret, isActive, contractId}.");
        webhooks.MapPut("/{id:long}", (long id, WebhookSubscriptionInput input, NotificationService service, CancellationToken ct) => service.UpdateWebhookAsync(id, input, ct))
            .WithSummary("Revises a webhook; a null secret keeps the stored one, an empty one removes it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{id:long}", async (long id, NotificationService service, CancellationToken ct) =>
            {
                await service.DeleteWebhookAsync(id, ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id:long}/test", (long id, NotificationService service, CancellationToken ct) => service.TestWebhookAsync(id, ct))
            .WithSummary("Posts a test message to the webhook now and reports whether it was accepted.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<PagedResult<NotificationResponse>>> ListAsync(
        NotificationService service, int? page, int? pageSize, bool? unreadOnly, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.MineAsync(page ?? 1, pageSize ?? 20, unreadOnly == true, cancellationToken));

    private static async Task<Created<WebhookSubscriptionResponse>> CreateAsync(WebhookSubscriptionInput input, NotificationService service, CancellationToken cancellationToken)
    {
        var created = await service.CreateWebhookAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
    }
}
