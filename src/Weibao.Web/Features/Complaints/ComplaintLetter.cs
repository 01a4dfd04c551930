using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Complaints;

/// <summary>The written answer of a complaint as a PDF letter; readable by whoever may read the complaint, once it is answered.</summary>
public sealed class ComplaintLetter(IDbContextFactory<WeibaoDbContext> dbFactory, IStringLocalizer<SharedResource> l, DisplayClock clock)
{
    /// <exception cref="NotFoundException">No such complaint (or another buyer's).</exception>
    /// <exception cref="ConflictException">Not answered yet.</exception>
    public async Task<(byte[] Pdf, string FileName)> RenderAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Complaint {id} does not exist.");
        if (complaint.AnswerText is null || complaint.AnsweredAt is null)
        {
            throw new ConflictException(l["Complaint.NotAnswered", complaint.Number]);
        }

        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == complaint.ContractId)
            .Select(c => new { c.ContractNumber, c.Title, c.SupplierOrganizationId }).FirstAsync(cancellationToken);
        // The supplier is not a buyer user's organisation: read its letterhead past the buyer filter.
        var supplier = await db.Organizations.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]).AsNoTracking()
            .Where(o => o.Id == contract.SupplierOrganizationId).Select(o => new { o.Name, o.Phone, o.Address }).FirstAsync(cancellationToken);
        var ticket = complaint.TicketId is { } ticketId
            ? await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => t.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        var letter = new ComplaintLetterDocument
        {
            SupplierName = supplier.Name,
            SupplierPhone = supplier.Phone,
            SupplierAddress = supplier.Address,
            ComplainantOrganization = complaint.ComplainantOrganization,
            ComplainantName = complaint.ComplainantName,
            Number = complaint.Number,
            ContractNumber = contract.ContractNumber,
            ContractTitle = contract.Title,
            TicketNumber = ticket,
            ReceivedAtUtc = complaint.ReceivedAt,
            AnswerDueAtUtc = complaint.AnswerDueAt,
            AnsweredAtUtc = complaint.AnsweredAt.Value,
            Subject = complaint.Subject,
            Description = complaint.Description,
            Findings = complaint.Findings,
            Answer = complaint.AnswerText,
            CorrectiveAction = complaint.CorrectiveAction,
            AnsweredBy = complaint.AnsweredByName ?? string.Empty,
        };
        return (ComplaintLetterPdf.Render(letter, clock.Zone), $"投诉答复函-{complaint.Number}.pdf");
    }
}
