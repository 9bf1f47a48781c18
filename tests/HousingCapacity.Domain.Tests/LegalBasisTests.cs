using NodaTime;

namespace HousingCapacity.Domain.Tests;

public class LegalBasisTests
{
    private static readonly LocalDate Today = new(2026, 12, 1);

    [Theory]
    [InlineData(FacilityKind.Section110Shelter, LegalBasis.Section110)]
    [InlineData(FacilityKind.EmergencyBeds, LegalBasis.Section110)]
    [InlineData(FacilityKind.SkaevBolig, LegalBasis.SkaevBolig149a)]
    [InlineData(FacilityKind.HousingFirst, LegalBasis.Section85aHome)]
    [InlineData(FacilityKind.Section107, LegalBasis.Section107)]
    public void Facility_WithoutLegalBasis_TakesItsKindsUsualOne(FacilityKind kind, LegalBasis basis) =>
        Assert.Equal(basis, new Facility(1, "X", kind, "Vej 1", GenderRestriction.None, null, null, true).LegalBasis);

    [Fact]
    public void YouthRule_NightCafeUnderSection104_DoesNotApply()
    {
        var young = new Person(CprNumber.Parse("010105-4121"), "Ung", "Person", Gender.Female, 1);
        var cafe = new Facility(1, "Natcaféen", FacilityKind.EmergencyBeds, "Vej 1", GenderRestriction.None, null, null, true,
            LegalBasis.Section104);
        var akut = new Facility(1, "Akutpladser", FacilityKind.EmergencyBeds, "Vej 2", GenderRestriction.None, null, null, true);
        PlacementCandidate At(Facility f) => new(young, f, new Unit(1, "1", 1, UnitStatus.InService), new DateRange(Today, null),
            SupportMethod.None, null, 0, false, 0);
        Assert.False(new YouthInSection110Rule().IsBroken(At(cafe), new PlacementPolicy()));
        Assert.True(new YouthInSection110Rule().IsBroken(At(akut), new PlacementPolicy()));
    }

    [Fact]
    public void Facility_UnknownLegalBasis_IsRefused() =>
        Assert.Equal("InvalidLegalBasis", Assert.Throws<DomainRuleException>(() => new Facility(1, "X", FacilityKind.SkaevBolig, "Vej",
            GenderRestriction.None, null, null, true, (LegalBasis)99)).Code);
}
