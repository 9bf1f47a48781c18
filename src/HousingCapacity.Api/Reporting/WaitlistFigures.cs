namespace HousingCapacity.Api.Reporting;

public sealed record WaitlistFigures(string Name, WaitlistKind Kind, PersonCount EntriesAtMonthEnd, PersonCount NewEntries,
    PersonCount OffersMade, PersonCount Accepted, PersonCount Declined, PersonCount Expired, double? MedianDaysWaitedByHoused);
