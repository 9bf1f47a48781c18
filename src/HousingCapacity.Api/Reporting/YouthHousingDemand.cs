namespace HousingCapacity.Api.Reporting;

/// <summary>Demand for youth housing: entries to the youth waitlists in the month, those waiting at the month's end (as the lists
/// stood then, not today), the median days from application to an offer accepted in the month, and young people (the youth band)
/// turned away at the §110 places.</summary>
public sealed record YouthHousingDemand(PersonCount NewEntries, PersonCount WaitingAtMonthEnd, double? MedianDaysToAcceptedOffer,
    PersonCount YoungTurnedAway);
