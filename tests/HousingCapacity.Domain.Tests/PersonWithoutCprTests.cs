using NodaTime;

namespace HousingCapacity.Domain.Tests;

public class PersonWithoutCprTests
{
    private static readonly LocalDate Today = new(2026, 12, 1);

    [Fact]
    public void WithoutCpr_BirthYear_AgeIsReckonedFromTheMiddleOfTheYear()
    {
        var p = Person.WithoutCpr("Alex", Gender.Male, 2003, null, Today, null);
        Assert.False(p.HasCpr);
        Assert.Equal(AgeBasis.BirthYear, p.AgeBasis);
        Assert.Equal(23, p.AgeOn(Today));
        Assert.Equal(22, p.AgeOn(new LocalDate(2026, 6, 30)));
        Assert.Contains("fødselsåret", p.Age(Today).NoteDa);
    }

    [Fact]
    public void WithoutCpr_EstimatedAge_IsTheAgeOnTheDayOfRegistration()
    {
        var p = Person.WithoutCpr("Mira", Gender.Female, null, 40, Today, null);
        Assert.Equal(AgeBasis.Estimated, p.AgeBasis);
        Assert.Equal(40, p.AgeOn(Today));
        Assert.Contains("anslået", p.Age(Today).NoteDa);
    }

    [Theory]
    [InlineData(2027, null, "BirthYearInFuture")]
    [InlineData(2020, null, "ImplausibleAge")]
    [InlineData(null, 3, "ImplausibleAge")]
    [InlineData(null, 111, "ImplausibleAge")]
    [InlineData(null, null, "BirthYearOrEstimatedAge")]
    [InlineData(1990, 36, "BirthYearOrEstimatedAge")]
    public void WithoutCpr_ImplausibleAge_IsRefusedWithItsCode(int? birthYear, int? estimatedAge, string code) =>
        Assert.Equal(code, Assert.Throws<DomainRuleException>(() =>
            Person.WithoutCpr("X", Gender.Male, birthYear, estimatedAge, Today, null)).Code);

    [Fact]
    public void WithoutCpr_NeedsAnAlias() =>
        Assert.Equal("Required", Assert.Throws<DomainRuleException>(() => Person.WithoutCpr(" ", Gender.Male, 1990, null, Today, null))
            .Code);

    [Fact]
    public void AddCpr_GivesTheExactBirthDate_AndOnlyOnce()
    {
        var p = Person.WithoutCpr("Alex", Gender.Male, 1990, null, Today, null);
        p.AddCpr(CprNumber.Parse("150390-1235"));
        Assert.Equal(AgeBasis.CprNumber, p.AgeBasis);
        Assert.Equal(new DateOnly(1990, 3, 15), p.BirthDate);
        Assert.Equal("CprAlreadyKnown", Assert.Throws<DomainRuleException>(() => p.AddCpr(CprNumber.Parse("150390-1243"))).Code);
    }

    [Fact]
    public void YouthRule_EstimatedAge_SaysSoInTheRefusal()
    {
        var person = Person.WithoutCpr("Alex", Gender.Male, null, 20, Today, null);
        var shelter = new Facility(1, "Herberget", FacilityKind.Section110Shelter, "Vej 1", GenderRestriction.None, null, null, true);
        var candidate = new PlacementCandidate(person, shelter, new Unit(1, "1", 1, UnitStatus.InService), new DateRange(Today, null),
            SupportMethod.None, null, 0, false, 0);
        var rule = new YouthInSection110Rule();
        Assert.True(rule.IsBroken(candidate, new PlacementPolicy()));
        Assert.Contains("anslået", rule.MessageDa(candidate, new PlacementPolicy()));
        Assert.Contains("estimated", rule.MessageEn(candidate, new PlacementPolicy()));
    }
}
