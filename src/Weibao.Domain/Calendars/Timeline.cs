namespace Weibao.Domain.Calendars;

/// <summary>
/// The precomputed working time of a calendar over a run of whole local days: the working intervals as UTC ticks,
/// merged and sorted, with the running total of working ticks at the end of each interval, and the working days.
/// Every query is a binary search, so adding a duration costs O(log days).
/// </summary>
internal sealed class Timeline
{
    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly long[] _workThroughEnd;
    private readonly int[] _workingDayNumbers;

    public Timeline(long startUtc, long endUtc, DateOnly firstDate, DateOnly lastDate, long[] starts, long[] ends, int[] workingDayNumbers)
    {
        StartUtc = startUtc;
        EndUtc = endUtc;
        FirstDate = firstDate;
        LastDate = lastDate;
        _starts = starts;
        _ends = ends;
        _workingDayNumbers = workingDayNumbers;
        _workThroughEnd = new long[starts.Length];
        long total = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            total += ends[i] - starts[i];
            _workThroughEnd[i] = total;
        }

        TotalWork = total;
    }

    /// <summary>First UTC tick covered.</summary>
    public long StartUtc { get; }

    /// <summary>First UTC tick after the covered span.</summary>
    public long EndUtc { get; }

    /// <summary>First local date covered.</summary>
    public DateOnly FirstDate { get; }

    /// <summary>Last local date covered.</summary>
    public DateOnly LastDate { get; }

    /// <summary>Working ticks in the whole span.</summary>
    public long TotalWork { get; }

    /// <summary>Number of working days in the span.</summary>
    public int WorkingDayCount => _workingDayNumbers.Length;

    public int IntervalCount => _starts.Length;

    public bool Contains(long utc) => utc >= StartUtc && utc < EndUtc;

    /// <summary>Working ticks in [<see cref="StartUtc"/>, <paramref name="utc"/>), for utc in [StartUtc, EndUtc].</summary>
    public long WorkBefore(long utc)
    {
        var i = LastStartAtOrBefore(utc);
        if (i < 0)
        {
            return 0;
        }

        var unfinished = _ends[i] - utc;
        return unfinished > 0 ? _workThroughEnd[i] - unfinished : _workThroughEnd[i];
    }

    /// <summary>The earliest instant by which <paramref name="work"/> working ticks have passed (0 &lt; work ≤ TotalWork).</summary>
    public long InstantAfterWork(long work)
    {
        var i = _workThroughEnd.AsSpan().BinarySearch(work);
        if (i < 0)
        {
            i = ~i;
        }

        return _ends[i] - (_workThroughEnd[i] - work);
    }

    /// <summary>The first working instant at or after <paramref name="utc"/> in the span, or -1.</summary>
    public long NextWorkingInstant(long utc)
    {
        var i = LastStartAtOrBefore(utc);
        if (i >= 0 && utc < _ends[i])
        {
            return utc;
        }

        return i + 1 < _starts.Length ? _starts[i + 1] : -1;
    }

    /// <summary>Number of working days in the span up to and including <paramref name="date"/>.</summary>
    public int WorkingDaysThrough(DateOnly date)
    {
        var i = _workingDayNumbers.AsSpan().BinarySearch(date.DayNumber);
        return i >= 0 ? i + 1 : ~i;
    }

    /// <summary>The working day with the given 0-based index in the span.</summary>
    public DateOnly WorkingDay(int index) => DateOnly.FromDayNumber(_workingDayNumbers[index]);

    private int LastStartAtOrBefore(long utc)
    {
        var i = _starts.AsSpan().BinarySearch(utc);
        return i >= 0 ? i : ~i - 1;
    }
}
