namespace Weibao.Domain.Assets;

/// <summary>A place where a buyer's assets stand (a campus, a building, a police station); reused across assets.</summary>
public sealed class Site : IBuyerOwned
{
    private Site()
    {
        Name = string.Empty;
    }

    public Site(long buyerOrganizationId, string name, string? address = null)
        : this()
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A site needs a name.");
        }

        BuyerOrganizationId = buyerOrganizationId;
        Name = name.Trim();
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }

    public long Id { get; private set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    public string Name { get; private set; }

    public string? Address { get; private set; }
}

/// <summary>What happened to an asset, for its history.</summary>
public enum AssetHistoryKind
{
    Created,
    Imported,
    Updated,
    StatusChanged,
    Moved,
    RepairRecorded,
    PartReplaced,
    LoanerSwapped,
    Inspected,
    Ticket,

    /// <summary>The tag changed; the text is "OLD → NEW".</summary>
    Retagged,

    /// <summary>The custodian changed; the text is the new department and person.</summary>
    CustodianChanged,

    /// <summary>The install date changed; the text is "yyyy-MM-dd → yyyy-MM-dd" (— for none).</summary>
    InstalledOnChanged,
}

/// <summary>One line of an asset's history.</summary>
public sealed class AssetHistoryEntry : IBuyerOwned
{
    private AssetHistoryEntry()
    {
        Text = string.Empty;
        RecordedBy = string.Empty;
    }

    internal AssetHistoryEntry(Asset asset, AssetHistoryKind kind, string text, string recordedBy, DateTime occurredAtUtc)
        : this()
    {
        Asset = asset;
        BuyerOrganizationId = asset.BuyerOrganizationId;
        Kind = kind;
        Text = text;
        RecordedBy = recordedBy;
        OccurredAtUtc = occurredAtUtc;
    }

    public long Id { get; private set; }

    public long AssetId { get; private set; }

    public Asset Asset { get; private set; } = null!;

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    public AssetHistoryKind Kind { get; private set; }

    /// <summary>What happened, in words (a status change reads "在用 → 维修中").</summary>
    public string Text { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }
}

/// <summary>A repair that kept the asset out of use; in-warranty repairs may extend its warranty.</summary>
public sealed class AssetRepair : IBuyerOwned
{
    private AssetRepair()
    {
    }

    internal AssetRepair(Asset asset, RepairDowntime downtime, string? note)
    {
        Asset = asset;
        BuyerOrganizationId = asset.BuyerOrganizationId;
        From = downtime.From;
        To = downtime.To;
        Reference = downtime.Reference;
        Note = note;
    }

    public long Id { get; private set; }

    public long AssetId { get; private set; }

    public Asset Asset { get; private set; } = null!;

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    /// <summary>First day out of use.</summary>
    public DateOnly From { get; private set; }

    /// <summary>Last day out of use.</summary>
    public DateOnly To { get; private set; }

    /// <summary>The ticket or service report, e.g. <c>WB-2026-000123</c>.</summary>
    public string? Reference { get; private set; }

    public string? Note { get; private set; }

    public RepairDowntime Downtime => new(From, To, Reference);
}

/// <summary>Where an asset is and who looks after it.</summary>
public sealed record AssetPlacement
{
    public long? SiteId { get; init; }

    public string? Building { get; init; }

    public string? Room { get; init; }

    /// <summary>Free text: "3 楼机房东侧机柜".</summary>
    public string? Location { get; init; }

    /// <summary>使用部门.</summary>
    public string? CustodianDepartment { get; init; }

    /// <summary>保管人.</summary>
    public string? Custodian { get; init; }
}

/// <summary>
/// One delivered unit (设备): numbered, placed, and traced through its whole service life. It belongs to a contract
/// line, and so to a model, a contract and a buyer.
/// </summary>
public sealed class Asset : IBuyerOwned
{
    private readonly List<AssetHistoryEntry> _history = [];
    private readonly List<AssetRepair> _repairs = [];

    private Asset()
    {
        AssetTag = string.Empty;
    }

    /// <summary>A new unit of a contract line.</summary>
    public Asset(long contractId, long contractLineId, int lineNumber, long buyerOrganizationId, string? model, string assetTag, string? serialNumber)
        : this()
    {
        ContractId = contractId;
        ContractLineId = contractLineId;
        LineNumber = lineNumber;
        BuyerOrganizationId = buyerOrganizationId;
        Model = model;
        AssetTag = CheckTag(assetTag);
        Version = 1;
        SerialNumber = Clean(serialNumber);
        Status = AssetStatus.InStock;
    }

    public long Id { get; private set; }

    /// <summary>资产编号, unique.</summary>
    public string AssetTag { get; private set; }

    public long ContractId { get; private set; }

    public long ContractLineId { get; private set; }

    /// <summary>The contract line's number, kept for display and import.</summary>
    public int LineNumber { get; private set; }

    /// <inheritdoc />
    public long BuyerOrganizationId { get; private set; }

    /// <summary>规格型号, copied from the line: serials are unique per model, and search by model needs no join.</summary>
    public string? Model { get; private set; }

    /// <summary>序列号 / 出厂编号.</summary>
    public string? SerialNumber { get; private set; }

    public long? SiteId { get; private set; }

    public string? Building { get; private set; }

    public string? Room { get; private set; }

    public string? Location { get; private set; }

    public string? CustodianDepartment { get; private set; }

    public string? Custodian { get; private set; }

    public AssetStatus Status { get; private set; }

    public DateOnly? InstalledOn { get; private set; }

    /// <summary>The asset's own acceptance date, when it was accepted apart from its contract.</summary>
    public DateOnly? AcceptedOn { get; private set; }

    /// <summary>The warranty end as last computed (contract terms, acceptance, repairs); stored for filters.</summary>
    public DateOnly? WarrantyEndsOn { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<AssetHistoryEntry> History => _history;

    public IReadOnlyList<AssetRepair> Repairs => _repairs;

    /// <summary>The longest tag; the column and the labels hold this many characters.</summary>
    public const int MaxTagLength = 64;

    /// <summary>What history texts show for an empty value.</summary>
    public const string None = "—";

    /// <summary>
    /// Renumbers the unit (tags are generated but editable). Uniqueness across all assets is the caller's check: it
    /// needs the database.
    /// </summary>
    public void Retag(string newTag, string recordedBy, DateTime atUtc)
    {
        var tag = CheckTag(newTag);
        if (string.Equals(tag, AssetTag, StringComparison.Ordinal))
        {
            return;
        }

        _history.Add(new AssetHistoryEntry(this, AssetHistoryKind.Retagged, $"{AssetTag} → {tag}", recordedBy, atUtc));
        AssetTag = tag;
        Version++;
    }

    /// <summary>
    /// Moves the unit to another status. Any status may follow any other, except that nothing leaves
    /// <see cref="AssetStatus.Retired"/>: a retired unit is off the books, and a unit put back into use is a new registration.
    /// The history keeps the statuses' code names ("InStock → InService"); pages show them in the reader's language.
    /// </summary>
    public void ChangeStatus(AssetStatus status, string recordedBy, DateTime atUtc)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainException($"Unknown asset status {status}.");
        }

        if (status == Status)
        {
            return;
        }

        if (Status == AssetStatus.Retired)
        {
            throw new DomainException("A retired asset cannot change status.");
        }

        _history.Add(new AssetHistoryEntry(this, AssetHistoryKind.StatusChanged, $"{Status} → {status}", recordedBy, atUtc));
        Status = status;
        Version++;
    }

    /// <summary>
    /// Moves the unit or hands it to another custodian: a change of site, building, room or free text writes a
    /// <see cref="AssetHistoryKind.Moved"/> line with the new place (<paramref name="siteName"/> names the new site), a
    /// change of department or person a <see cref="AssetHistoryKind.CustodianChanged"/> line.
    /// </summary>
    public void Relocate(AssetPlacement placement, string? siteName, string recordedBy, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var moved = placement.SiteId != SiteId || Clean(placement.Building) != Building || Clean(placement.Room) != Room || Clean(placement.Location) != Location;
        var handedOver = Clean(placement.CustodianDepartment) != CustodianDepartment || Clean(placement.Custodian) != Custodian;
        if (!moved && !handedOver)
        {
            return;
        }

        Place(placement);
        if (moved)
        {
            _history.Add(new AssetHistoryEntry(this, AssetHistoryKind.Moved, Join(placement.SiteId is null ? null : siteName, Building, Room, Location), recordedBy, atUtc));
        }

        if (handedOver)
        {
            _history.Add(new AssetHistoryEntry(this, AssetHistoryKind.CustodianChanged, Join(CustodianDepartment, Custodian), recordedBy, atUtc));
        }

        Version++;
    }

    /// <summary>Sets or clears the install date; a unit cannot have been installed after <paramref name="today"/>.</summary>
    public void SetInstalledOn(DateOnly? installedOn, DateOnly today, string recordedBy, DateTime atUtc)
    {
        if (installedOn > today)
        {
            throw new DomainException("An asset cannot be installed in the future.");
        }

        if (installedOn == InstalledOn)
        {
            return;
        }

        _history.Add(new AssetHistoryEntry(this, AssetHistoryKind.InstalledOnChanged, $"{Date(InstalledOn)} → {Date(installedOn)}", recordedBy, atUtc));
        InstalledOn = installedOn;
        Version++;
    }

    /// <summary>Replaces the notes. Notes are free remarks, not events, so no history line is written.</summary>
    public void Annotate(string? notes)
    {
        var cleaned = Clean(notes);
        if (cleaned == Notes)
        {
            return;
        }

        Notes = cleaned;
        Version++;
    }

    /// <summary>Sets where the unit is, without a history line (creation and import).</summary>
    public void Place(AssetPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        SiteId = placement.SiteId;
        Building = Clean(placement.Building);
        Room = Clean(placement.Room);
        Location = Clean(placement.Location);
        CustodianDepartment = Clean(placement.CustodianDepartment);
        Custodian = Clean(placement.Custodian);
    }

    /// <summary>Sets status, installation date and notes at creation or import.</summary>
    public void Initialize(AssetStatus status, DateOnly? installedOn, string? notes)
    {
        Status = status;
        InstalledOn = installedOn;
        Notes = Clean(notes);
    }

    /// <summary>Records a repair's downtime; the warranty is recomputed by <see cref="RefreshWarranty"/>.</summary>
    public AssetRepair RecordRepair(RepairDowntime downtime, string? note, string recordedBy, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(downtime);
        if (downtime.To < downtime.From)
        {
            throw new DomainException("A repair cannot end before it starts.");
        }

        var repair = new AssetRepair(this, downtime, Clean(note));
        _repairs.Add(repair);
        _history.Add(new AssetHistoryEntry(this, AssetHistoryKind.RepairRecorded,
            $"{downtime.From:yyyy-MM-dd} – {downtime.To:yyyy-MM-dd} ({downtime.Days}) {downtime.Reference}".TrimEnd(), recordedBy, atUtc));
        Version++;
        return repair;
    }

    /// <summary>Adds a history line written by another feature (a ticket, an inspection, a part, a loaner swap).</summary>
    public void Note(AssetHistoryKind kind, string text, string recordedBy, DateTime atUtc) =>
        _history.Add(new AssetHistoryEntry(this, kind, text, recordedBy, atUtc));

    /// <summary>
    /// The warranty from this asset's acceptance (or the contract's) for the contract's months, extended by in-warranty
    /// repairs when the contract says so; null until accepted or without a warranty term.
    /// </summary>
    public AssetWarranty? Warranty(DateOnly? contractAcceptedOn, int? warrantyMonths, bool extendedByRepairs) =>
        (AcceptedOn ?? contractAcceptedOn) is { } start && warrantyMonths is int months && months > 0
            ? AssetWarranty.Compute(start, months, extendedByRepairs, _repairs.Select(r => r.Downtime))
            : null;

    /// <summary>Stores the current warranty end for filtering.</summary>
    public void RefreshWarranty(DateOnly? contractAcceptedOn, int? warrantyMonths, bool extendedByRepairs) =>
        WarrantyEndsOn = Warranty(contractAcceptedOn, warrantyMonths, extendedByRepairs)?.EndsOn;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string CheckTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            throw new DomainException("An asset needs a tag.");
        }

        var trimmed = tag.Trim();
        return trimmed.Length > MaxTagLength ? throw new DomainException($"An asset tag has at most {MaxTagLength} characters.") : trimmed;
    }

    private static string Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? None : string.Join(" ", present);
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? None;
}
