using Microsoft.EntityFrameworkCore;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.ServiceReports;
using Weibao.Web.Infrastructure;
using Weibao.Web.Infrastructure.Data;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Features.Tickets;

/// <summary>
/// The 售后服务单 of a ticket (seed 004's form) as a PDF: project, engineers, times, service type, fault, cause,
/// solution, the ticket's assets, the parts drawn in its work log, the buyer's confirmation and rating. Readable by
/// whoever may read the ticket (a buyer its own).
/// </summary>
public sealed class TicketReport(IDbContextFactory<WeibaoDbContext> dbFactory, IConfiguration configuration, DisplayClock clock)
{
    public async Task<(byte[] Pdf, string FileName)> RenderAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Events).Include(t => t.Assets).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Ticket {id} does not exist.");
        var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == ticket.ContractId)
            .Select(c => new { c.Title, c.ContractNumber, c.BuyerOrganizationId, c.SupplierOrganizationId }).FirstAsync(cancellationToken);
        // The supplier is not the buyer user's organisation: read its name and phone past the buyer filter.
        var parties = await db.Organizations.IgnoreQueryFilters([WeibaoDbContext.BuyerScopeFilter]).AsNoTracking()
            .Where(o => o.Id == contract.BuyerOrganizationId || o.Id == contract.SupplierOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => new { o.Name, o.Phone }, cancellationToken);
        var assetIds = ticket.Assets.Select(a => a.AssetId).ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id))
            .OrderBy(a => a.AssetTag).Select(a => new DamagedEquipmentLine(a.Model ?? "设备", a.Model, a.AssetTag)).ToListAsync(cancellationToken);
        var parts = await (from w in db.TicketWorkLog.AsNoTracking()
                           where w.TicketId == id && w.StockMovementId != null
                           join m in db.StockMovements on w.StockMovementId equals m.Id
                           join p in db.SpareParts on m.SparePartId equals p.Id
                           orderby w.At
                           select new ReplacedPartLine(p.Name, p.PartNumber, m.Quantity, p.Unit)).ToListAsync(cancellationToken);
        var events = ticket.Events.OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var engineers = events.Where(e => e.Kind is TicketEventKind.CheckedIn or TicketEventKind.RemoteWorkStarted or TicketEventKind.Diagnosed or TicketEventKind.Resolved)
            .Select(e => e.ActorName).Prepend(ticket.AssigneeName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var onSite = events.FirstOrDefault(e => e.Kind == TicketEventKind.CheckedIn);
        var hotline = configuration["Labels:ServiceHotline"];
        var supplier = parties.GetValueOrDefault(contract.SupplierOrganizationId);
        var document = new ServiceReportDocument
        {
            ProjectName = contract.Title,
            ContractNumber = contract.ContractNumber,
            BuyerName = parties.GetValueOrDefault(contract.BuyerOrganizationId)?.Name ?? string.Empty,
            Site = ticket.Location,
            TicketNumber = ticket.Number,
            ReportedAtUtc = ticket.ReportedAt,
            ArrivedAtUtc = onSite?.At,
            ResolvedAtUtc = ticket.ResolvedAt,
            ConfirmedAtUtc = ticket.ClosedAt,
            Engineers = engineers,
            ServiceType = onSite is not null ? "现场维修" : events.Any(e => e.Kind == TicketEventKind.RemoteWorkStarted) ? "远程支持" : ServiceTypeOf(ticket.Type),
            Fault = string.IsNullOrWhiteSpace(ticket.Description) ? ticket.Title : ticket.Title + "：" + ticket.Description,
            Cause = events.LastOrDefault(e => e.Kind == TicketEventKind.Diagnosed)?.Note,
            Solution = ticket.Solution,
            DamagedEquipment = assets,
            PartsReplaced = parts,
            Satisfaction = ticket.Rating,
            SatisfactionComment = ticket.RatingComment,
            BuyerConfirmer = ticket.ConfirmedBy,
            BuyerPhone = ticket.ReporterPhone,
            SupplierName = supplier?.Name ?? string.Empty,
            SupplierHotline = string.IsNullOrWhiteSpace(hotline) ? supplier?.Phone : hotline,
        };
        return (ServiceReportPdf.Render(document, clock.Zone), $"售后服务单-{ticket.Number}.pdf");
    }

    private static string ServiceTypeOf(TicketType type) => type switch
    {
        TicketType.Consultation => "电话咨询",
        TicketType.ServiceRequest => "服务请求",
        TicketType.Complaint => "投诉处理",
        _ => "故障维修",
    };
}
