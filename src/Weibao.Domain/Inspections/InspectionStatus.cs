namespace Weibao.Domain.Inspections;

/// <summary>Where a visit stands: planned → in progress → done | missed.</summary>
public enum InspectionStatus
{
    Planned,
    InProgress,
    Done,
    Missed,
}

/// <summary>How a visit ended, judged against its due window.</summary>
public enum InspectionOutcome
{
    /// <summary>Not finished yet.</summary>
    None,

    /// <summary>Done within the window.</summary>
    OnTime,

    /// <summary>Done after the window's last day.</summary>
    Late,

    /// <summary>Never done.</summary>
    Missed,
}

/// <summary>The rules of a visit's life, shared by the entity and its tests.</summary>
public static class InspectionRules
{
    /// <summary>A visit still not done this many days after its window closed is missed (the generator marks it).</summary>
    public const int MissedAfterDays = 30;

    /// <summary>Done on <paramref name="doneOn"/> (local date) against a window ending <paramref name="windowEnd"/>.</summary>
    public static InspectionOutcome Judge(DateOnly doneOn, DateOnly windowEnd) => doneOn <= windowEnd ? InspectionOutcome.OnTime : InspectionOutcome.Late;

    /// <summary>Whether an unfinished visit is overdue on <paramref name="today"/>.</summary>
    public static bool IsOverdue(InspectionStatus status, DateOnly windowEnd, DateOnly today) =>
        status is InspectionStatus.Planned or InspectionStatus.InProgress && today > windowEnd;

    /// <summary>Whether an unfinished visit is to be marked missed on <paramref name="today"/>.</summary>
    public static bool IsMissed(InspectionStatus status, DateOnly windowEnd, DateOnly today) =>
        status is InspectionStatus.Planned or InspectionStatus.InProgress && today > windowEnd.AddDays(MissedAfterDays);

    /// <summary>Which steps a status allows.</summary>
    public static bool CanRecord(InspectionStatus status) => status is InspectionStatus.Planned or InspectionStatus.InProgress;
}

/// <summary>A month's compliance for one contract.</summary>
/// <param name="Planned">Visits whose window ends in the month.</param>
/// <param name="OnTime">Done within their window.</param>
/// <param name="Late">Done after their window.</param>
/// <param name="Missed">Marked missed.</param>
/// <param name="Open">Not done yet (within the window or overdue).</param>
/// <param name="Overdue">Of the open ones, past their window.</param>
public sealed record InspectionCompliance(int Planned, int OnTime, int Late, int Missed, int Open, int Overdue)
{
    /// <summary>Done on time ÷ planned, in percent (100 when nothing was planned).</summary>
    public decimal OnTimePercent => Planned == 0 ? 100m : Math.Round(100m * OnTime / Planned, 1, MidpointRounding.AwayFromZero);

    /// <summary>Counts visits (status, outcome, window end) against <paramref name="today"/>.</summary>
    public static InspectionCompliance Count(IEnumerable<(InspectionStatus Status, InspectionOutcome Outcome, DateOnly WindowEnd)> visits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(visits);
        int planned = 0, onTime = 0, late = 0, missed = 0, open = 0, overdue = 0;
        foreach (var v in visits)
        {
            planned++;
            switch (v.Status)
            {
                case InspectionStatus.Done when v.Outcome == InspectionOutcome.Late:
                    late++;
                    break;
                case InspectionStatus.Done:
                    onTime++;
                    break;
                case InspectionStatus.Missed:
                    missed++;
                    break;
                default:
                    open++;
                    if (InspectionRules.IsOverdue(v.Status, v.WindowEnd, today))
                    {
                        overdue++;
                    }

                    break;
            }
        }

        return new(planned, onTime, late, missed, open, overdue);
    }
}
