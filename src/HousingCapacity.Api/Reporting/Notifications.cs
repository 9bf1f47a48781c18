namespace HousingCapacity.Api.Reporting;

/// <summary>Serviceloven §110 stk. 6: notifications of the responsible municipality within 3 working days of admission.</summary>
public sealed record Notifications(PersonCount Due, PersonCount OnTime, double? ShareOnTime);
