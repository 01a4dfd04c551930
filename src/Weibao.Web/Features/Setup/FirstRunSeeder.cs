using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Weibao.Domain.Calendars;
using Weibao.Domain.Contracts;
using Weibao.Domain.Duty;
using Weibao.Domain.Inventory;
using Weibao.Domain.Organizations;
using Weibao.Web.Features.Auth;
using Weibao.Web.Features.Users;
using Weibao.Web.Infrastructure.Data;

namespace Weibao.Web.Features.Setup;

/// <summary>
/// Makes a new database usable: the roles, our own organisation, the <c>admin</c> user and, when
/// asked, the demo data. Every step checks first, so a restart changes nothing.
/// </summary>
public sealed partial class FirstRunSeeder(
    WeibaoDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<DemoOptions> demo,
    IOptions<SupplierOptions> supplier,
    IConfiguration configuration,
    HolidayArrangements holidays,
    TimeProvider time,
    ILogger<FirstRunSeeder> logger)
{
    public const string AdminUserName = "admin";
    public const string AdminPasswordVariable = "WEIBAO_ADMIN_PASSWORD";

    /// <summary>The demo users' password, listed in the README; only ever used with <c>Demo:Enabled</c>.</summary>
    public const string DemoPassword = "Weibao#2026";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var ours = await db.Organizations.OrderBy(o => o.Id).FirstOrDefaultAsync(o => o.Kind == OrganizationKind.Supplier, cancellationToken);
        if (ours is null)
        {
            ours = new Organization(
                OrganizationKind.Supplier,
                supplier.Value.Name,
                string.IsNullOrWhiteSpace(supplier.Value.CreditCode) ? null : CreditCode.Parse(supplier.Value.CreditCode),
                "河南省郑州市",
                string.IsNullOrWhiteSpace(supplier.Value.Phone) ? null : supplier.Value.Phone);
            db.Organizations.Add(ours);
            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsureAdminAsync(ours, cancellationToken);
        await Inspections.InspectionSeeding.EnsureTemplatesAsync(db, cancellationToken);
        if (demo.Value.Enabled)
        {
            await SeedDemoAsync(ours, cancellationToken);
        }
    }

    private async Task EnsureAdminAsync(Organization ours, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(AdminUserName) is not null)
        {
            return;
        }

        var configured = configuration[AdminPasswordVariable];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        await CreateUserAsync(AdminUserName, "系统管理员", ours.Id, Roles.Admin, password, cancellationToken);
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, to the console only, never through the logger: logs are shipped and kept.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" Weibao created the user '{AdminUserName}' with this password:");
            Console.WriteLine($"     {password}");
            Console.WriteLine($" It is shown only now. Set {AdminPasswordVariable} to choose it.");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }

        LogAdminCreated(logger, AdminUserName);
    }

    private async Task SeedDemoAsync(Organization ours, CancellationToken cancellationToken)
    {
        var buyers = new[]
        {
            new Organization(OrganizationKind.Buyer, "河南科技大学", CreditCode.Parse("124100004165265089"), "河南省洛阳市涧西区西苑路 48 号", "0379-64231479"),
            new Organization(OrganizationKind.Buyer, "北京市公安局平谷分局", null, "北京市平谷区府前街 21 号", "010-89972205"),
            // Seed 004 is a bid that does not name its buyer; the demo uses the city's urban management bureau.
            new Organization(OrganizationKind.Buyer, "长葛市城市管理局", null, "河南省长葛市", null),
            // The suppliers named in seeds 001 and 004: the demo shows contracts of a group with several legal entities.
            new Organization(OrganizationKind.Supplier, "北京时代凌宇科技股份有限公司", CreditCode.Parse("91110105666288389K"), "北京市朝阳区容创路 17 号楼 701 室", "18363099211"),
            new Organization(OrganizationKind.Supplier, "中国移动通信集团河南有限公司许昌分公司", null, "河南省许昌市", "13938772420"),
        };
        foreach (var buyer in buyers)
        {
            if (!await db.Organizations.AnyAsync(o => o.Name == buyer.Name, cancellationToken))
            {
                db.Organizations.Add(buyer);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var university = await db.Organizations.FirstAsync(o => o.Name == "河南科技大学", cancellationToken);
        var police = await db.Organizations.FirstAsync(o => o.Name == "北京市公安局平谷分局", cancellationToken);

        var people = new (string UserName, string DisplayName, long Organization, string Role)[]
        {
            ("director", "王总监", ours.Id, Roles.Director),
            ("manager", "李经理", ours.Id, Roles.Manager),
            ("desk", "赵客服", ours.Id, Roles.Dispatcher),
            ("engineer", "刘工程师", ours.Id, Roles.Engineer),
            // A second engineer, so the rota has people to alternate and suggestions have someone to rank.
            ("engineer2", "王工", ours.Id, Roles.Engineer),
            ("buyer", "何老师", university.Id, Roles.BuyerUser),
            ("buyer2", "张警官", police.Id, Roles.BuyerUser),
        };
        foreach (var (userName, displayName, organization, role) in people)
        {
            if (await users.FindByNameAsync(userName) is null)
            {
                await CreateUserAsync(userName, displayName, organization, role, DemoPassword, cancellationToken);
            }
        }

        var ids = await db.Organizations.ToDictionaryAsync(o => o.Name, o => o.Id, cancellationToken);
        await SeedContractAsync(DemoContracts.University(university.Id, ours.Id), DemoContracts.UniversityEvents(), cancellationToken);
        await SeedContractAsync(DemoContracts.Police(police.Id, ids["北京时代凌宇科技股份有限公司"]), DemoContracts.PoliceEvents(), cancellationToken);
        await SeedContractAsync(DemoContracts.Hosting(ids["长葛市城市管理局"], ids["中国移动通信集团河南有限公司许昌分公司"]), DemoContracts.HostingEvents(), cancellationToken);
        await SeedSparePartsAsync(cancellationToken);
        await SeedLoanersAsync(police.Id, cancellationToken);
        await SeedSkillsAsync(cancellationToken);
        await SeedRotaAsync(cancellationToken);
        await SeedServicePoliciesAsync(cancellationToken);
        await SeedEscalationChainsAsync(cancellationToken);
        await Inspections.InspectionSeeding.SeedDemoPlanAsync(db, (await users.FindByNameAsync("engineer"))?.Id,
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, Domain.Calendars.BusinessCalendar.ChinaTimeZone)), cancellationToken);
    }

    /// <summary>Seed 000's escalation path on the university's contract; the other demo contracts keep the default.</summary>
    private async Task SeedEscalationChainsAsync(CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.UniversityContractNumber)
            .Select(c => new { c.Id, c.BuyerOrganizationId }).FirstOrDefaultAsync(cancellationToken);
        if (contract is null || await db.EscalationChains.AnyAsync(c => c.ContractId == contract.Id, cancellationToken))
        {
            return;
        }

        var chain = new Escalation.EscalationChain
        {
            ContractId = contract.Id,
            BuyerOrganizationId = contract.BuyerOrganizationId,
            UpdatedAt = time.GetUtcNow().UtcDateTime,
            UpdatedBy = DataScope.SystemUserName,
            Version = 1,
        };
        foreach (var contact in DemoContracts.UniversityEscalation())
        {
            var userId = contact.UserName is null ? null : (await users.FindByNameAsync(contact.UserName))?.Id;
            if (contact.UserName is not null && userId is null)
            {
                continue;
            }

            chain.Contacts.Add(new Escalation.EscalationContact
            {
                ContractId = contract.Id,
                BuyerOrganizationId = contract.BuyerOrganizationId,
                Level = contact.Level,
                Position = chain.Contacts.Count(c => c.Level == contact.Level),
                UserId = userId,
                Name = userId is null ? contact.Name : null,
                Phone = userId is null ? contact.Phone : null,
                Email = userId is null ? contact.Email : null,
            });
        }

        db.EscalationChains.Add(chain);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Each demo contract's service commitments from its own seed: the university's, the police bureau's, and 004's I–IV levels.</summary>
    private async Task SeedServicePoliciesAsync(CancellationToken cancellationToken)
    {
        var policies = new (string Contract, Domain.Tickets.SlaPolicy Policy, Tickets.HotlineCoverage Coverage)[]
        {
            (DemoContracts.UniversityContractNumber, Domain.Tickets.SlaTemplates.University(), Tickets.HotlineCoverage.AlwaysOpen),
            (DemoContracts.PoliceContractNumber, Domain.Tickets.SlaTemplates.PoliceBureau(), Tickets.HotlineCoverage.AlwaysOpen),
            (DemoContracts.HostingContractNumber, Domain.Tickets.SlaTemplates.IncidentLevels(), Tickets.HotlineCoverage.AlwaysOpen),
        };
        foreach (var (number, policy, coverage) in policies)
        {
            var contract = await db.Contracts.Where(c => c.ContractNumber == number).Select(c => new { c.Id, c.BuyerOrganizationId }).FirstOrDefaultAsync(cancellationToken);
            if (contract is null || await db.ContractSlaPolicies.AnyAsync(p => p.ContractId == contract.Id, cancellationToken))
            {
                continue;
            }

            var document = Tickets.SlaPolicyDocument.From(policy);
            db.ContractSlaPolicies.Add(new Tickets.ContractSlaPolicy
            {
                ContractId = contract.Id,
                BuyerOrganizationId = contract.BuyerOrganizationId,
                PolicyJson = document.Write(),
                BusinessHours = Tickets.SlaPolicyDocument.DefaultBusinessHours,
                Coverage = coverage,
                UpdatedAt = time.GetUtcNow().UtcDateTime,
                UpdatedBy = DataScope.SystemUserName,
                Version = 1,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Skills for the seed contracts' models and the usual ticket categories.</summary>
    private async Task SeedSkillsAsync(CancellationToken cancellationToken)
    {
        var skills = new (string UserName, Skill[] Skills)[]
        {
            ("engineer", [new(SkillKind.Model, "DSJ-SLJ LAA1"), new(SkillKind.Model, "Q9A"), new(SkillKind.Category, "执法记录仪"), new(SkillKind.Category, "移动播放器")]),
            ("engineer2", [new(SkillKind.Model, "ZCS-SL JL8"), new(SkillKind.Category, "网络"), new(SkillKind.Category, "服务器"), new(SkillKind.Category, "存储")]),
            ("manager", [new(SkillKind.Model, "GCMS-TQ8050NX"), new(SkillKind.Category, "网络")]),
        };
        foreach (var (userName, list) in skills)
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null || await db.EngineerSkills.AnyAsync(s => s.UserId == user.Id, cancellationToken))
            {
                continue;
            }

            db.EngineerSkills.AddRange(list.Select(skill => new EngineerSkill(user.Id, skill)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A rota for this week and the next (from the clock's now, in China): the service desk on working days, 刘工 by day
    /// and 王工 by night, holiday cover on statutory days off, and a major-event shift for the police contract next Saturday.
    /// </summary>
    private async Task SeedRotaAsync(CancellationToken cancellationToken)
    {
        if (await db.DutyShifts.AnyAsync(cancellationToken))
        {
            return;
        }

        var ids = await db.Users.Where(u => u.UserName == "engineer" || u.UserName == "engineer2" || u.UserName == "desk" || u.UserName == "manager")
            .ToDictionaryAsync(u => u.UserName!, u => u.Id, cancellationToken);
        var police = await db.Contracts.Where(c => c.ContractNumber == DemoContracts.PoliceContractNumber).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var zone = BusinessCalendar.ChinaTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, zone));
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        DateTime At(DateOnly day, int hour, int minute = 0) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), zone);
        var calendar = BusinessCalendar.ForChina(WeeklyHours.Parse("Mon-Fri 09:00-18:00"), holidays);
        var shifts = new List<DutyShift>();
        for (var i = 0; i < 14; i++)
        {
            var day = monday.AddDays(i);
            var dayOff = holidays.TryGetDayOff(day, out _);
            var working = calendar.Covers(day) ? calendar.IsWorkingDay(day) : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            var kind = dayOff ? DutyShiftKind.Holiday : DutyShiftKind.Regular;
            if (working)
            {
                shifts.Add(Shift(ids["desk"], At(day, 8, 30), At(day, 17, 30), DutyShiftKind.Regular, note: "服务热线"));
            }

            // Days by 刘工 on working days; on days off the two engineers alternate.
            var dayPerson = working || i % 2 == 0 ? ids["engineer"] : ids["engineer2"];
            shifts.Add(Shift(dayPerson, At(day, 9), At(day, 18), kind));
            var nightPerson = dayPerson == ids["engineer"] ? ids["engineer2"] : ids["engineer"];
            shifts.Add(Shift(nightPerson, At(day, 18), At(day.AddDays(1), 9), kind, note: "夜间电话值守，2 小时内到场"));
        }

        var eventDay = monday.AddDays(12);
        const string EventName = "平谷分局年末安保专项";
        shifts.Add(Shift(ids["engineer2"], At(eventDay, 8), At(eventDay, 22), DutyShiftKind.MajorEvent, EventName, police, "驻场保障，携带记录仪备机 2 台"));
        shifts.Add(Shift(ids["manager"], At(eventDay, 8), At(eventDay, 22), DutyShiftKind.MajorEvent, EventName, police, "现场协调"));
        db.DutyShifts.AddRange(shifts);
        await db.SaveChangesAsync(cancellationToken);

        static DutyShift Shift(string userId, DateTime start, DateTime end, DutyShiftKind kind, string? eventName = null, long? contractId = null, string? note = null) =>
            new(new DutyShiftDraft { UserId = userId, StartUtc = start, EndUtc = end, Kind = kind, EventName = eventName, ContractId = contractId, Note = note });
    }

    /// <summary>Two store locations and parts for the seed contracts' models; the 4T disk is below its minimum.</summary>
    private async Task SeedSparePartsAsync(CancellationToken cancellationToken)
    {
        const string Warehouse = "郑州总仓";
        const string SiteOffice = "北京平谷驻点";
        foreach (var name in new[] { Warehouse, SiteOffice })
        {
            if (!await db.StockLocations.AnyAsync(l => l.Name == name, cancellationToken))
            {
                db.StockLocations.Add(new StockLocation(name));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var locations = await db.StockLocations.ToDictionaryAsync(l => l.Name, l => l.Id, cancellationToken);
        var parts = new (SparePartDraft Part, (string Location, long Quantity)[] Stock)[]
        {
            (new SparePartDraft { PartNumber = "LJ-BAT-3050", Name = "记录仪电池 3050mAh", CompatibleModels = ["DSJ-SLJ LAA1"], Unit = "块", MinimumLevel = 20 },
                [(Warehouse, 30), (SiteOffice, 12)]),
            (new SparePartDraft { PartNumber = "LJ-HDD-4T", Name = "采集站硬盘 4T", CompatibleModels = ["ZCS-SL JL8"], Unit = "块", MinimumLevel = 4 },
                [(Warehouse, 2), (SiteOffice, 1)]),
            (new SparePartDraft { PartNumber = "GA-PSU-5V2A", Name = "播放器电源适配器 DC5V/2A", CompatibleModels = ["Q9A"], Unit = "个", MinimumLevel = 10 },
                [(Warehouse, 25), (SiteOffice, 8)]),
            (new SparePartDraft { PartNumber = "SHM-GCMS-FIL", Name = "GCMS 灯丝", CompatibleModels = ["GCMS-TQ8050NX"], Unit = "只", MinimumLevel = 2 },
                [(Warehouse, 2)]),
        };
        foreach (var (draft, stock) in parts)
        {
            if (await db.SpareParts.AnyAsync(p => p.PartNumber == draft.PartNumber, cancellationToken))
            {
                continue;
            }

            var part = new SparePart(draft);
            db.SpareParts.Add(part);
            await db.SaveChangesAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var (location, quantity) in stock)
            {
                var row = new SparePartStock(part.Id, locations[location]);
                db.SparePartStocks.Add(row);
                db.StockMovements.Add(row.Record(
                    new StockMovementDraft { Kind = StockMovementKind.Received, StockLocationId = locations[location], Quantity = quantity, Note = "期初库存" },
                    DataScope.SystemUserName, now));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A body camera and a player to lend; the camera is with the police bureau and overdue.</summary>
    private async Task SeedLoanersAsync(long policeId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Domain.Calendars.BusinessCalendar.ChinaTimeZone));
        var units = new (LoanerUnitDraft Unit, LoanDraft? Loan)[]
        {
            (new LoanerUnitDraft { Tag = "BJ-LAA1-01", Model = "DSJ-SLJ LAA1", SerialNumber = "LAA1B2600187", Notes = "智能视音频记录仪备机，含 32G 卡与充电座" },
                new LoanDraft
                {
                    BuyerOrganizationId = policeId,
                    Site = "平谷分局交警支队",
                    TicketNumber = "WB-DEMO-0001",
                    LentOn = today.AddDays(-20),
                    DueOn = today.AddDays(-6),
                    Note = "记录仪无法开机，原机返厂维修期间借用",
                }),
            (new LoanerUnitDraft { Tag = "BJ-Q9A-01", Model = "Q9A", SerialNumber = "Q9A2600342", Notes = "移动播放器备机" }, null),
        };
        foreach (var (draft, loan) in units)
        {
            if (await db.LoanerUnits.AnyAsync(u => u.Tag == draft.Tag, cancellationToken))
            {
                continue;
            }

            var unit = new LoanerUnit(draft);
            db.LoanerUnits.Add(unit);
            await db.SaveChangesAsync(cancellationToken);
            if (loan is not null)
            {
                db.Loans.Add(unit.Lend(loan, today, DataScope.SystemUserName, now));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    private async Task SeedContractAsync(ContractDraft draft, IEnumerable<ContractEventDraft> events, CancellationToken cancellationToken)
    {
        if (await db.Contracts.AnyAsync(c => c.ContractNumber == draft.ContractNumber, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Domain.Calendars.BusinessCalendar.ChinaTimeZone));
        var contract = new Contract(draft, DataScope.SystemUserName, now);
        foreach (var e in events)
        {
            contract.RecordEvent(e, today, DataScope.SystemUserName, now);
        }

        db.Contracts.Add(contract);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CreateUserAsync(string userName, string displayName, long organizationId, string role, string password, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new AppUser { UserName = userName, DisplayName = displayName, OrganizationId = organizationId, LockoutEnabled = true };
        Check(await users.CreateAsync(user, password), userName);
        Check(await users.AddToRoleAsync(user, role), userName);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create user '{userName}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static string GeneratePassword()
    {
        // Meets Identity's rules by construction: upper, lower, digit, symbol, and 16 random characters.
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        var random = RandomNumberGenerator.GetString(alphabet, 16);
        return $"Wb{random}#7";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the administrator account {UserName}")]
    private static partial void LogAdminCreated(ILogger logger, string userName);
}
