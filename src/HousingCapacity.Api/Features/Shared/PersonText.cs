namespace HousingCapacity.Api.Features.Shared;

/// <summary>How a person is named on a page: staff never see a whole CPR number (AccessPolicy.MaySeeCpr).</summary>
public static class PersonText
{
    // Through the CPR detector: a name or alias stored before such texts were refused may hold a number (issue 23).
    public static string Name(Person p) =>
        OData.Privacy.Scrub(p.HasCpr || p.Alias is null ? $"{p.FirstName} {p.LastName}".Trim() : $"{p.Alias} (alias)");

    public static string Cpr(Person p, Caller caller) => p.Cpr is not { } cpr ? "uden CPR"
        : AccessPolicy.MaySeeCpr(caller) ? cpr : OData.Privacy.MaskCpr(cpr);

    public static string Age(Person p, LocalDate today)
    {
        var age = p.Age(today);
        return age.Basis switch
        {
            AgeBasis.Estimated => $"ca. {age.Years} år",
            AgeBasis.BirthYear => $"{age.Years} år (fødselsår)",
            _ => $"{age.Years} år",
        };
    }

    /// <summary>The birth date as far as it is known: the day from a CPR number, else the year given, else only an estimated age.</summary>
    public static string Born(Person p) => p.AgeBasis switch
    {
        AgeBasis.Estimated => "fødselsdato ukendt",
        AgeBasis.BirthYear => $"født {p.BirthDate.Year}",
        _ => $"født {Words.Date(p.BirthDate)}",
    };
}
