using NodaTime;

namespace HousingCapacity.Domain.Tests;

public class CprNumberTests
{
    [Theory]
    // 7th digit 0–3: 1900s whatever the year digits.
    [InlineData("010190-0123", 1990, 1, 1)]
    [InlineData("311299-3999", 1999, 12, 31)]
    // 4 and 9: 2000–2036 for YY 00–36, else 1937–1999.
    [InlineData("150136-4001", 2036, 1, 15)]
    [InlineData("150137-4001", 1937, 1, 15)]
    [InlineData("150105-9001", 2005, 1, 15)]
    [InlineData("150150-9001", 1950, 1, 15)]
    // 5–8: 2000–2057 for YY 00–57, else 1858–1899.
    [InlineData("020257-5001", 2057, 2, 2)]
    [InlineData("020258-5001", 1858, 2, 2)]
    [InlineData("020299-8001", 1899, 2, 2)]
    public void Parse_CenturyRuleOfSeventhDigit_DerivesBirthDate(string text, int year, int month, int day) =>
        Assert.Equal(new LocalDate(year, month, day), CprNumber.Parse(text).BirthDate);

    [Fact]
    public void Parse_WithoutHyphen_IsCanonicalised() =>
        Assert.Equal("010190-0123", CprNumber.Parse("0101900123").Value);

    [Theory]
    [InlineData("290200-4001")] // 2000 is a leap year
    [InlineData("290296-1001")] // 1996 is a leap year
    public void Parse_29FebruaryInLeapYear_IsValid(string text) =>
        Assert.Equal(29, CprNumber.Parse(text).BirthDate.Day);

    [Theory]
    [InlineData("290201-4001")] // 2001 is not a leap year
    [InlineData("290200-5901")] // 5–8 with YY 00 → 2000: fine; see below for 1900
    public void Parse_29February_DependsOnCentury(string text)
    {
        var valid = CprNumber.TryParse(text, out var cpr);
        Assert.Equal(text == "290200-5901", valid);
        if (valid) Assert.Equal(2000, cpr.BirthDate.Year);
    }

    [Fact]
    public void Parse_29February1900_IsRejectedBecause1900IsNotLeap() =>
        Assert.False(CprNumber.TryParse("290200-1001", out _));

    [Theory]
    [InlineData("320190-1234")]
    [InlineData("001390-1234")]
    [InlineData("310490-1234")]
    [InlineData("000190-1234")]
    public void Parse_ImpossibleDate_Throws(string text)
    {
        var e = Assert.Throws<DomainRuleException>(() => CprNumber.Parse(text));
        Assert.Equal("InvalidCpr", e.Code);
        Assert.DoesNotContain(text, e.MessageDa + e.MessageEn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01019-01234")]
    [InlineData("010190_0123")]
    [InlineData("01019O-0123")]
    [InlineData("010190-01234")]
    [InlineData("0101900-123")]
    public void Parse_MalformedText_Throws(string? text) =>
        Assert.Equal("InvalidCpr", Assert.Throws<DomainRuleException>(() => CprNumber.Parse(text)).Code);

    [Fact]
    public void ToString_MasksTheSerial() =>
        Assert.Equal("010190-XXXX", CprNumber.Parse("010190-0123").ToString());

    [Theory]
    [InlineData("010190-0123", Gender.Male)]
    [InlineData("010190-0124", Gender.Female)]
    public void LegalGender_FollowsTheLastDigit(string text, Gender expected) =>
        Assert.Equal(expected, CprNumber.Parse(text).LegalGender);
}
