using NodaTime;

namespace HousingCapacity.Domain.Tests;

public class EntityInvariantTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 20, 0);

    [Fact]
    public void CapacityReport_OccupiedPlusOutOfServiceAboveFacilityBeds_BreaksCountsExceedFacilityBeds()
    {
        var e = Assert.Throws<DomainRuleException>(() => new CapacityReport(1, new LocalDate(2026, 11, 22), 8, 8, 3, 10, Now, "staff"));
        Assert.Equal("CountsExceedFacilityBeds", e.Code);
        Assert.Contains("10", e.MessageDa);
    }

    [Fact]
    public void CapacityReport_OccupiedAboveInService_BreaksOccupiedExceedsInService() =>
        Assert.Equal("OccupiedExceedsInService",
            Assert.Throws<DomainRuleException>(() => new CapacityReport(1, new LocalDate(2026, 11, 22), 5, 6, 0, 10, Now, "staff")).Code);

    [Fact]
    public void CapacityReport_NegativeCount_BreaksNegativeCount() =>
        Assert.Equal("NegativeCount",
            Assert.Throws<DomainRuleException>(() => new CapacityReport(1, new LocalDate(2026, 11, 22), 5, -1, 0, 10, Now, "staff")).Code);

    [Fact]
    public void CapacityReport_FullHouse_IsValid()
    {
        var report = new CapacityReport(1, new LocalDate(2026, 11, 22), 8, 8, 2, 10, Now, "staff");
        Assert.Equal(0, report.BedsFree);
    }

    [Fact]
    public void Unit_ZeroBeds_BreaksInvalidBeds() =>
        Assert.Equal("InvalidBeds", Assert.Throws<DomainRuleException>(() => new Unit(1, "Værelse 1", 0, UnitStatus.InService)).Code);

    [Fact]
    public void Facility_MinAgeAboveMaxAge_BreaksInvalidAgeBand() =>
        Assert.Equal("InvalidAgeBand", Assert.Throws<DomainRuleException>(() =>
            new Facility(1, "Ungeboliger", FacilityKind.YouthHousing, "Vej 1", GenderRestriction.None, 25, 18, true)).Code);

    [Fact]
    public void Facility_BlankName_BreaksRequired() =>
        Assert.Equal("Required", Assert.Throws<DomainRuleException>(() =>
            new Facility(1, "  ", FacilityKind.YouthHousing, "Vej 1", GenderRestriction.None, null, null, true)).Code);

    [Fact]
    public void Municipality_TwoDigitCode_BreaksInvalidMunicipalityCode() =>
        Assert.Equal("InvalidMunicipalityCode", Assert.Throws<DomainRuleException>(() => new Municipality(99, "X")).Code);

    [Fact]
    public void Person_BirthDate_ComesFromTheCpr()
    {
        var person = new Person(CprNumber.Parse("230305-4847"), "Niels", "Hansen", Gender.Male, 1);
        Assert.Equal(new DateOnly(2005, 3, 23), person.BirthDate);
        Assert.Equal(21, person.AgeOn(new LocalDate(2026, 11, 22)));
    }

    [Fact]
    public void PlacementDischarge_EndBeforeStart_BreaksEndNotAfterStart()
    {
        var placement = new Placement(1, 1, 1, LegalBasis.Section110, new DateRange(new LocalDate(2026, 11, 10), null), SupportMethod.None,
            null,
            ReferralRoute.SelfReferral, null);
        Assert.Equal("EndNotAfterStart", Assert.Throws<DomainRuleException>(() =>
            placement.Discharge(new LocalDate(2026, 11, 10), DischargeReason.Planned, Destination.OwnHome)).Code);
        placement.Discharge(new LocalDate(2026, 11, 11), DischargeReason.Planned, Destination.OwnHome);
        Assert.Equal("AlreadyDischarged", Assert.Throws<DomainRuleException>(() =>
            placement.Discharge(new LocalDate(2026, 11, 12), DischargeReason.Planned, Destination.OwnHome)).Code);
    }

    [Fact]
    public void OfferDecline_AfterAccept_BreaksOfferNotPending()
    {
        var offer = new Offer(1, 1, new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 9));
        offer.Accept(new LocalDate(2026, 11, 3));
        Assert.Equal("OfferNotPending", Assert.Throws<DomainRuleException>(() => offer.Decline("for langt væk",
            new LocalDate(2026, 11, 4))).Code);
    }

    /// <summary>A closed month counts the answers given in it: each answer has its day, and an expiry the first day past the
    /// deadline, whenever the job noticed it.</summary>
    [Fact]
    public void OfferAnswers_AreDated()
    {
        var made = new LocalDate(2026, 11, 2);
        var accepted = new Offer(1, 1, made, new LocalDate(2026, 11, 9));
        Assert.Equal("AnsweredBeforeOffer", Assert.Throws<DomainRuleException>(() => accepted.Accept(made.PlusDays(-1))).Code);
        accepted.Accept(made);
        Assert.Equal(new DateOnly(2026, 11, 2), accepted.AnsweredOn);
        var expired = new Offer(1, 1, made, new LocalDate(2026, 11, 9));
        expired.Expire();
        Assert.Equal(new DateOnly(2026, 11, 10), expired.AnsweredOn);
    }

    [Fact]
    public void WaitlistEntry_KnowsTheDayItLeftTheList()
    {
        Assert.Equal("InvalidClosedOn", Assert.Throws<DomainRuleException>(() => new WaitlistEntry(1, 1, new LocalDate(2026, 11, 2),
            Priority.Normal, WaitlistEntryStatus.Waiting, new LocalDate(2026, 11, 5))).Code);
        Assert.Equal("InvalidClosedOn", Assert.Throws<DomainRuleException>(() => new WaitlistEntry(1, 1, new LocalDate(2026, 11, 2),
            Priority.Normal, WaitlistEntryStatus.Withdrawn, new LocalDate(2026, 11, 1))).Code);
        var entry = new WaitlistEntry(1, 1, new LocalDate(2026, 11, 2), Priority.Normal, WaitlistEntryStatus.Waiting);
        entry.MarkOffered();
        entry.MarkHoused(new LocalDate(2026, 11, 20));
        Assert.Equal(new DateOnly(2026, 11, 20), entry.ClosedOn);
    }
}
