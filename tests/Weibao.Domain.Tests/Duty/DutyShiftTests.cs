using Weibao.Domain.Duty;

namespace Weibao.Domain.Tests.Duty;

public class DutyShiftTests
{
    // 2026-11-23 09:00 in Shanghai.
    private static readonly DateTime Start = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_shift_covers_its_start_but_not_its_end()
    {
        var shift = new DutyShift(Draft());
        Assert.False(shift.Covers(Start.AddTicks(-1)));
        Assert.True(shift.Covers(Start));
        Assert.True(shift.Covers(Start.AddHours(9).AddTicks(-1)));
        Assert.False(shift.Covers(Start.AddHours(9)));
    }

    [Fact]
    public void A_shift_for_one_contract_covers_that_contract_only_but_counts_when_no_contract_is_asked()
    {
        var forPolice = new DutyShift(Draft() with { ContractId = 7 });
        var forAll = new DutyShift(Draft());
        var during = Start.AddHours(1);
        Assert.True(forPolice.CoversFor(during, 7));
        Assert.False(forPolice.CoversFor(during, 8));
        Assert.True(forPolice.CoversFor(during, null));
        Assert.True(forAll.CoversFor(during, 8));
        Assert.False(forAll.CoversFor(Start.AddHours(10), 8));
    }

    [Fact]
    public void Overlap_is_half_open()
    {
        var shift = new DutyShift(Draft());
        Assert.True(shift.Overlaps(Start.AddHours(-1), Start.AddMinutes(1)));
        Assert.False(shift.Overlaps(Start.AddHours(-1), Start));
        Assert.False(shift.Overlaps(Start.AddHours(9), Start.AddHours(10)));
        Assert.True(shift.Overlaps(Start.AddHours(2), Start.AddHours(3)));
    }

    [Fact]
    public void The_end_must_come_after_the_start_and_at_most_fourteen_days_later()
    {
        Assert.Equal(DutyError.EndNotAfterStart, Assert.Single(DutyShift.Check(Draft() with { EndUtc = Start })).Code);
        Assert.Equal(DutyError.EndNotAfterStart, Assert.Single(DutyShift.Check(Draft() with { EndUtc = Start.AddHours(-1) })).Code);
        Assert.Empty(DutyShift.Check(Draft() with { EndUtc = Start.AddDays(14) }));
        var tooLong = Assert.Single(DutyShift.Check(Draft() with { EndUtc = Start.AddDays(14).AddMinutes(1) }));
        Assert.Equal(("end", DutyError.TooLong), (tooLong.Field, tooLong.Code));
    }

    [Fact]
    public void A_major_event_shift_names_its_event_and_every_fault_is_reported_at_once()
    {
        var errors = DutyShift.Check(new DutyShiftDraft { UserId = " ", StartUtc = Start, EndUtc = Start, Kind = DutyShiftKind.MajorEvent, EventName = "  " });
        Assert.Equal(["userId", "end", "eventName"], errors.Select(e => e.Field));
        var e = Assert.Throws<DutyRuleException>(() => new DutyShift(new DutyShiftDraft { StartUtc = Start, EndUtc = Start }));
        Assert.Equal(2, e.Errors.Count);
        Assert.Empty(DutyShift.Check(Draft() with { Kind = DutyShiftKind.MajorEvent, EventName = "2026 年国庆安保" }));
        Assert.Equal("kind", Assert.Single(DutyShift.Check(Draft() with { Kind = (DutyShiftKind)42 })).Field);
    }

    [Fact]
    public void Revising_replaces_every_detail_and_blank_text_is_stored_as_none()
    {
        var shift = new DutyShift(Draft() with { Note = "  带备机  " });
        Assert.Equal("带备机", shift.Note);
        shift.Revise(new DutyShiftDraft
        {
            UserId = "u2",
            StartUtc = Start.AddDays(1),
            EndUtc = Start.AddDays(2),
            Kind = DutyShiftKind.MajorEvent,
            EventName = " 2026 年国庆安保 ",
            ContractId = 3,
            Note = " ",
        });
        Assert.Equal(("u2", DutyShiftKind.MajorEvent, "2026 年国庆安保", 3L, (string?)null), (shift.UserId, shift.Kind, shift.EventName, shift.ContractId, shift.Note));
        Assert.Equal(DateTimeKind.Utc, shift.StartUtc.Kind);
        Assert.Throws<DutyRuleException>(() => shift.Revise(Draft() with { EndUtc = Start.AddDays(-1) }));
        Assert.Equal("u2", shift.UserId); // a refused revision changes nothing
    }

    [Theory]
    [InlineData("DSJ-SLJ LAA1", "DSJ-SLJ LAA1")]
    [InlineData("  dsj-slj \t laa1  ", "DSJ-SLJ LAA1")]
    [InlineData("ＱＩＡ", "QIA")]
    [InlineData("执法记录仪", "执法记录仪")]
    [InlineData("网络 ", "网络")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Skill_values_are_compared_normalised(string? value, string key) => Assert.Equal(key, Skill.Normalize(value));

    [Fact]
    public void A_skill_stores_its_value_trimmed_and_its_key_normalised_and_refuses_a_blank_value()
    {
        var skill = new EngineerSkill("u1", new Skill(SkillKind.Model, "  dsj-slj laa1 "));
        Assert.Equal(("dsj-slj laa1", "DSJ-SLJ LAA1", SkillKind.Model), (skill.Value, skill.NormalizedValue, skill.Kind));
        Assert.True(skill.ToSkill().Matches(SkillKind.Model, "DSJ-SLJ LAA1"));
        Assert.False(skill.ToSkill().Matches(SkillKind.Category, "DSJ-SLJ LAA1"));
        Assert.Throws<DutyRuleException>(() => new EngineerSkill("u1", new Skill(SkillKind.Category, " ")));
    }

    private static DutyShiftDraft Draft() => new() { UserId = "u1", StartUtc = Start, EndUtc = Start.AddHours(9), Kind = DutyShiftKind.Regular };
}
