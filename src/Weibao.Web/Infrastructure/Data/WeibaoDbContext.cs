using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Weibao.Domain;
using Weibao.Domain.Assets;
using Weibao.Domain.Callbacks;
using Weibao.Domain.Complaints;
using Weibao.Domain.Contracts;
using Weibao.Domain.Duty;
using Weibao.Domain.Finance;
using Weibao.Domain.Inventory;
using Weibao.Domain.Organizations;
using Weibao.Domain.Tickets;
using Weibao.Web.Features.Complaints;
using Weibao.Web.Features.Contracts;
using Weibao.Web.Features.Notifications;
using Weibao.Web.Features.Tickets;
using Weibao.Web.Features.Users;
using Weibao.Web.Infrastructure.Auditing;
using Weibao.Web.Infrastructure.Errors;

namespace Weibao.Web.Infrastructure.Data;

/// <summary>
/// The one database context. Feature folders hold their own entity configurations; they are
/// picked up from this assembly. Every save writes its audit rows in the same transaction.
/// </summary>
public class WeibaoDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public const string BuyerScopeFilter = "BuyerScope";

    private static readonly JsonSerializerOptions BulkJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private DataScope _scope = null!;
    private TimeProvider _time = null!;
    private (string EntityType, string Summary, HashSet<Type> Types)? _bulk;

    /// <summary>
    /// For the context pool (<see cref="WeibaoDbContextFactory"/>), which needs this one constructor: a context acts
    /// for nobody until <see cref="ActFor"/> names the user of the operation it serves. Use <see cref="Create"/> or the
    /// factory.
    /// </summary>
    public WeibaoDbContext(DbContextOptions<WeibaoDbContext> options)
        : base(options)
    {
    }

    /// <summary>A context outside the pool, acting for <paramref name="scope"/>'s user.</summary>
    public static WeibaoDbContext Create(DbContextOptions<WeibaoDbContext> options, DataScope scope, TimeProvider time)
    {
        var db = new WeibaoDbContext(options);
        db.ActFor(scope, time);
        return db;
    }

    /// <summary>Makes the context act for <paramref name="scope"/>'s user: its buyer filter and audit rows.</summary>
    public void ActFor(DataScope scope, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        if (!scope.IsInitialized)
        {
            throw new InvalidOperationException("The data scope was not set: say whom this operation acts for before using the database.");
        }

        _scope = scope;
        _time = time;
        _bulk = null;
        // No savepoint before each save inside a transaction: nothing here retries a failed save in the same
        // transaction, and the savepoints cost two statements per save on the hottest paths.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<ContractLine> ContractLines => Set<ContractLine>();

    public DbSet<ContractEvent> ContractEvents => Set<ContractEvent>();

    public DbSet<ContractDocument> ContractDocuments => Set<ContractDocument>();

    public DbSet<ContractDocumentContent> ContractDocumentContents => Set<ContractDocumentContent>();

    public DbSet<SparePart> SpareParts => Set<SparePart>();

    public DbSet<StockLocation> StockLocations => Set<StockLocation>();

    public DbSet<SparePartStock> SparePartStocks => Set<SparePartStock>();

    public DbSet<StockMovement> StockMovements => Set<StockMovement>();

    public DbSet<LoanerUnit> LoanerUnits => Set<LoanerUnit>();

    public DbSet<Loan> Loans => Set<Loan>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<AssetRepair> AssetRepairs => Set<AssetRepair>();

    public DbSet<AssetHistoryEntry> AssetHistory => Set<AssetHistoryEntry>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<SlaClock> TicketClocks => Set<SlaClock>();

    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();

    public DbSet<ContractSlaPolicy> ContractSlaPolicies => Set<ContractSlaPolicy>();

    public DbSet<TicketWorkLogEntry> TicketWorkLog => Set<TicketWorkLogEntry>();

    public DbSet<TicketSequence> TicketSequences => Set<TicketSequence>();

    public DbSet<TicketIdempotencyKey> TicketIdempotencyKeys => Set<TicketIdempotencyKey>();
    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<DutyShift> DutyShifts => Set<DutyShift>();

    public DbSet<EngineerSkill> EngineerSkills => Set<EngineerSkill>();

    public DbSet<Features.Escalation.EscalationChain> EscalationChains => Set<Features.Escalation.EscalationChain>();

    public DbSet<Features.Escalation.EscalationContact> EscalationContacts => Set<Features.Escalation.EscalationContact>();

    public DbSet<CallbackTask> CallbackTasks => Set<CallbackTask>();

    public DbSet<CallbackAttempt> CallbackAttempts => Set<CallbackAttempt>();

    public DbSet<Weibao.Domain.Surveys.Survey> Surveys => Set<Weibao.Domain.Surveys.Survey>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();

    public DbSet<ComplaintSequence> ComplaintSequences => Set<ComplaintSequence>();

    public DbSet<Features.Inspections.InspectionTemplate> InspectionTemplates => Set<Features.Inspections.InspectionTemplate>();

    public DbSet<Features.Inspections.InspectionPlan> InspectionPlans => Set<Features.Inspections.InspectionPlan>();

    public DbSet<Features.Inspections.InspectionVisit> InspectionVisits => Set<Features.Inspections.InspectionVisit>();

    public DbSet<Features.Inspections.InspectionResult> InspectionResults => Set<Features.Inspections.InspectionResult>();

    public DbSet<Features.Inspections.InspectionProblem> InspectionProblems => Set<Features.Inspections.InspectionProblem>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Read by the query filters; EF Core parameterises it per context instance.</summary>
    internal long? ScopedBuyerId => _scope.BuyerOrganizationId;

    /// <summary>
    /// Makes the next saves write one audit row that summarises a bulk operation (generating or importing thousands of
    /// assets) instead of one row per entity of <paramref name="types"/>; every other entity is audited as usual.
    /// </summary>
    public void AuditAsBulk(string entityType, object summary, params Type[] types)
    {
        _bulk = (entityType, JsonSerializer.Serialize(summary, BulkJson), types.ToHashSet());
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        GuardBuyerScope();
        var trail = AuditTrail.Capture(ChangeTracker, _bulk?.Types);
        if (_bulk is { } bulk)
        {
            AuditEntries.Add(new AuditEntry
            {
                OccurredAt = _time.GetUtcNow().UtcDateTime,
                UserId = _scope.UserId,
                UserName = _scope.UserName,
                EntityType = bulk.EntityType,
                EntityKey = string.Empty,
                Action = AuditAction.Created,
                Changes = bulk.Summary,
            });
            _bulk = null;
        }

        if (trail.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(trail.Complete(_scope, _time.GetUtcNow().UtcDateTime));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Instants are UTC everywhere; SQLite hands back Unspecified, Npgsql insists on Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        // Money is whole 分: both databases compare, sort and sum it in SQL.
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WeibaoDbContext).Assembly);

        builder.Entity<Organization>().HasQueryFilter(BuyerScopeFilter, o => ScopedBuyerId == null || o.Id == ScopedBuyerId);
        builder.Entity<AppUser>().HasQueryFilter(BuyerScopeFilter, u => ScopedBuyerId == null || u.OrganizationId == ScopedBuyerId);

        // Every buyer-owned entity gets the same filter, so no endpoint can forget it.
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(IBuyerOwned).IsAssignableFrom(t.ClrType)))
        {
            var row = Expression.Parameter(entityType.ClrType, "row");
            var scoped = Expression.Property(Expression.Constant(this), nameof(ScopedBuyerId));
            var owner = Expression.Convert(Expression.Property(row, nameof(IBuyerOwned.BuyerOrganizationId)), typeof(long?));
            var body = Expression.OrElse(
                Expression.Equal(scoped, Expression.Constant(null, typeof(long?))),
                Expression.Equal(owner, scoped));
            builder.Entity(entityType.ClrType).HasQueryFilter(BuyerScopeFilter, Expression.Lambda(body, row));
        }
    }

    private void GuardBuyerScope()
    {
        if (_scope.BuyerOrganizationId is not { } buyer)
        {
            return;
        }

        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var foreign = entry.Entity switch
            {
                IBuyerOwned owned => owned.BuyerOrganizationId != buyer,
                Organization organization => organization.Id != buyer,
                _ => false,
            };
            if (foreign)
            {
                throw new ForbiddenException("A buyer user may only change its own organisation's data.");
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
