namespace HousingCapacity.Api.Tests.Pages;

/// <summary>The check every rendered page passes (<see cref="DeveloperText"/>) finds what issue 27.4 found on the pages, and leaves
/// Danish text alone.</summary>
public sealed class DeveloperTextTests
{
    [Theory]
    [InlineData("Begrundelse (ExceptionJustification, mindst 20 tegn)", "identifier: ExceptionJustification")]
    [InlineData("Registrér personen først (POST /odata/Persons)", "HTTP: POST /")]
    [InlineData("Personen har et ophold. (Kilde: Capacity: one stay per person per night)", "English: one")]
    [InlineData("Ophold 4: 2026-11-15–", "ISO date: 2026-11-15")]
    [InlineData("Værelse 2 (1 senge)", "plural: 1 senge")]
    [InlineData("Der er 1 nætter tilbage", "plural: 1 nætter")]
    [InlineData("Tilbuddet er lukket (IsActive = false).", "identifier: IsActive")]
    [InlineData("Art: Section110Shelter", "identifier: Section110Shelter")]
    public void DeveloperText_IsFound(string text, string expected) => Assert.Contains(expected, DeveloperText.Find(text));

    [Theory]
    [InlineData("Per Hansen er tjekket ind i Værelse 2 fra i nat. 11 senge ledige; 21 nætter brugt af 120.")]
    [InlineData("Linje 3: datoen '2026-11-31' kan ikke læses (skriv den som 31-12-2026).")]
    [InlineData("Housing First i Rødovre · § 110 (forsorgshjem/herberg) · 4. jul. 2026")]
    public void DanishText_PassesAsItIs(string text) => Assert.Empty(DeveloperText.Find(text));

    [Fact]
    public void VisibleText_LeavesOutAttributesScriptsAndCode() =>
        Assert.Empty(DeveloperText.Find(DeveloperText.VisibleText(
            "<html><body><input name=\"Command.ExceptionJustification\" value=\"2026-11-22\"><code>tilbud;2026-12-31</code>" +
            "<p>Klar</p></body></html>")));
}
