namespace HousingCapacity.Api.Reporting;

/// <summary>Demand for youth housing: entries to the youth waitlists in the month, those waiting, the median days from
/// application to an accepted offer, and young people (the youth band) turned away at the §110 places.</summary>
public sealed record YouthHousingDemand(PersonCount NewEntries, PersonCount Waiting, double? MedianDaysToAcceptedOffer,
    PersonCount YoungTurnedAway);
