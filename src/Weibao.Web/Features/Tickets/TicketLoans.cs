using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.Loaners;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Tickets;

/// <summary>A loaner lent against a ticket: the loan, and the ticket as it now is (its loaner clock stopped).</summary>
public sealed record TicketLoanResponse(LoanResponse Loan, TicketDetails Ticket);

/// <summary>
/// Lends a loaner unit (备机) against a ticket through the Loaners feature. The loan, the ticket's
/// <see cref="Ticket.ProvideLoaner"/> step (which stops its loaner clock at the hand-over time) and a work-log entry
/// naming the unit are committed in one transaction: all of them or none. A second loaner on the same ticket is lent
/// and logged too; the clock stopped with the first.
/// </summary>
public sealed class TicketLoans(
    IDbContextFactory<WeibaoDbContext> dbFactory,
    IStringLocalizer<SharedResource> l,
    DataScope scope,
    TimeProvider time,
    DisplayClock clock,
    SlaCalendarProvider calendars,
    LoanerService loaners,
    TicketService tickets,
    DatabaseWriteGate writeGate)
{
    /// <summary>Lends the unit against the ticket.</summary>
    /// <exception cref="ValidationFailedException">A field is wrong (unitId, at, dueOn, assetId, site, note).</exception>
    /// <exception cref="ConflictException">The unit is not available, or the ticket is no longer open.</exception>
    public async Task<TicketLoanResponse> LendAsync(long ticketId, TicketLoanInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (scope.IsBuyer || scope.UserId is null)
        {
            throw new ForbiddenException(l["Ticket.StaffOnly"]);
        }

        if (input.UnitId is null)
        {
            throw new ValidationFailedException("unitId", l["Validation.Required", l["Ticket.LoanerUnit"]]);
        }

        // The ticket's version guards the step: when someone changed the ticket meanwhile (the escalation service firing
        // a clock), the whole lending is tried again on the fresh ticket, as a step from the ticket page is.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var loan = await LendOnceAsync(ticketId, input, cancellationToken);
                return new TicketLoanResponse(loan, await tickets.GetAsync(ticketId, cancellationToken));
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
            catch (DbUpdateException)
            {
                // The unit's version moved, or the open-loan index refused a second loan: someone lent it first.
                throw new ConflictException(l["Loaner.ChangedMeanwhile"]);
            }
        }
    }

    private async Task<LoanResponse> LendOnceAsync(long ticketId, TicketLoanInput input, CancellationToken cancellationToken)
    {
        var now = TicketService.Seconds(time.GetUtcNow().UtcDateTime);
        var at = input.At is { } given ? TicketService.Seconds(given.ToUniversalTime()) : now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketService.LoadAsync(db, ticketId, tracking: true, cancellationToken);
        if (!ticket.IsOpen)
        {
            throw new ConflictException(l["Ticket.LoanClosed", ticket.Number, l["TicketStatus." + ticket.Status]]);
        }

        var errors = new FieldErrors();
        if (at > now.Add(Ticket.ClockSkew))
        {
            errors.Add("at", l["TicketError.InFuture"]);
        }
        else if (at < ticket.ReportedAt)
        {
            errors.Add("at", l["TicketError.BeforeReported"]);
        }

        ContractInput.Text(errors, l, "note", input.Note, "Loan.Note", LoanInput.NoteMax);
        errors.ThrowIfAny();

        var loanInput = new LoanInput
        {
            BuyerOrganizationId = ticket.BuyerOrganizationId,
            Site = string.IsNullOrWhiteSpace(input.Site) ? ticket.Location ?? ticket.ReporterName : input.Site,
            TicketNumber = ticket.Number,
            AssetId = input.AssetId,
            LentOn = DateOnly.FromDateTime(clock.ToLocal(at)),
            DueOn = input.DueOn,
            Note = input.Note,
        };
        var context = new TicketContext(now, calendars.For(ticket.BusinessHours));
        using var passage = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Domain.Inventory.Loan loan;
        Domain.Inventory.LoanerUnit unit;
        try
        {
            (loan, unit) = await loaners.AddLoanAsync(db, input.UnitId!.Value, loanInput, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new ValidationFailedException("unitId", l["Ticket.UnknownLoanerUnit"]);
        }
        catch (ValidationFailedException e)
        {
            // The lending day is the hand-over time's day: its errors belong next to the time.
            throw new ValidationFailedException(e.Errors.ToDictionary(x => x.Key == "lentOn" ? "at" : x.Key, x => x.Value, StringComparer.Ordinal));
        }

        // The first loaner stops the loaner clock; a second one is lent and logged, the clock already stopped.
        if (!ticket.Events.Any(e => e.Kind == TicketEventKind.LoanerProvided))
        {
            var actor = new TicketActor(scope.UserId!, scope.DisplayName);
            TicketMessages.Run(l, () => ticket.ProvideLoaner(actor, at, $"{unit.Tag}（{unit.Model}）", context));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.TicketWorkLog.Add(new TicketWorkLogEntry
        {
            TicketId = ticket.Id,
            At = at,
            RecordedAt = now,
            UserId = scope.UserId!,
            UserName = scope.DisplayName,
            Text = string.IsNullOrWhiteSpace(input.Note) ? l["Ticket.LoanLogged"] : input.Note.Trim(),
            LoanId = loan.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await loaners.ToResponseAsync(db, loan, cancellationToken);
    }
}
