namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>Offer terms (appsettings.json, section "Waitlists").</summary>
public sealed class WaitlistOptions
{
    /// <summary>Weekdays a person has to answer an offer.</summary>
    public int RespondWeekdays { get; set; } = 5;
    /// <summary>Age band for joining a youth housing waitlist (ungeboliger are usually for 18–24-year-olds).</summary>
    public int YouthHousingMinAge { get; set; } = 18;
    public int YouthHousingMaxAge { get; set; } = 24;
    /// <summary>How often the background timer expires unanswered offers.</summary>
    public int ExpiryIntervalMinutes { get; set; } = 5;
}
