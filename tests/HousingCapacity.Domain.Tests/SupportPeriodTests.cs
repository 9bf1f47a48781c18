using NodaTime;

namespace HousingCapacity.Domain.Tests;

/// <summary>CTI is 9 months; after that an extension with a reason, or a move to ICM or ACT, each a new support period.</summary>
public class SupportPeriodTests
{
    private static Placement Cti() => new(1, 1, 1, LegalBasis.Section85aHome, new DateRange(new LocalDate(2026, 1, 1), null),
        SupportMethod.CTI, null, ReferralRoute.Municipality, null, new LocalDate(2026, 10, 1));

    [Fact]
    public void ExtendSupport_Cti_NeedsAReason_AndAddsAPeriod()
    {
        var p = Cti();
        Assert.Equal("Required", Assert.Throws<DomainRuleException>(() => p.ExtendSupport(new LocalDate(2026, 12, 1), " ", "u")).Code);
        var period = p.ExtendSupport(new LocalDate(2026, 12, 1), "Borgeren er midt i flytning; tredje fase forlænges.", "u");
        Assert.Equal(new DateOnly(2026, 10, 1), period.StartDate);
        Assert.Equal(new DateOnly(2026, 12, 1), p.SupportUntil);
        Assert.Single(p.SupportPeriods);
    }

    [Fact]
    public void ChangeSupportMethod_CtiToIcm_IsOpenEnded()
    {
        var p = Cti();
        var period = p.ChangeSupportMethod(SupportMethod.ICM, new LocalDate(2026, 10, 1), "Behov for længerevarende støtte.", "u", 9);
        Assert.Equal(SupportMethod.ICM, p.SupportMethod);
        Assert.Null(p.SupportUntil);
        Assert.Null(period.EndDate);
        Assert.Equal("OnlyCtiIsExtended", Assert.Throws<DomainRuleException>(() =>
            p.ExtendSupport(new LocalDate(2027, 1, 1), "Forlængelse af ICM", "u")).Code);
    }

    [Fact]
    public void Discharge_FollowUpDecision_IsMadeBeforeTheDischarge_ALaterOneIsRefused()
    {
        var before = Cti();
        before.Discharge(new LocalDate(2026, 6, 1), DischargeReason.Planned, Destination.OwnHome, FollowUpSupport.HousingSupport85a,
            new LocalDate(2026, 5, 20));
        Assert.True(before.FollowUpDecidedBeforeDischarge);
        Assert.Equal("FollowUpDecidedAfterDischarge", Assert.Throws<DomainRuleException>(() => Cti().Discharge(new LocalDate(2026, 6, 1),
            DischargeReason.Planned, Destination.OwnHome, FollowUpSupport.Section107, new LocalDate(2026, 6, 2))).Code);
        Assert.Equal("FollowUpDateRequired", Assert.Throws<DomainRuleException>(() => Cti().Discharge(new LocalDate(2026, 6, 1),
            DischargeReason.Planned, Destination.OwnHome, FollowUpSupport.HousingSupport85a)).Code);
        Assert.Equal("FollowUpDateWithoutDecision", Assert.Throws<DomainRuleException>(() => Cti().Discharge(new LocalDate(2026, 6, 1),
            DischargeReason.Planned, Destination.OwnHome, null, new LocalDate(2026, 5, 1))).Code);
    }
}
