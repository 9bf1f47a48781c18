using System.Text.Json.Serialization;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// A count of persons (or of events that each concern a person) as shown to the committee: 1 to 4 is shown as "&lt;5",
/// and so is a second cell of a group when only one would otherwise be hidden (so totals cannot reveal it).
/// </summary>
[JsonConverter(typeof(PersonCountJsonConverter))]
public readonly record struct PersonCount(int Value, bool Suppressed)
{
    public static PersonCount Of(int value) => new(value, value is >= 1 and <= 4);
    public override string ToString() => Suppressed ? "<5" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class PersonCountJsonConverter : JsonConverter<PersonCount>
{
    public override PersonCount Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        reader.TokenType == System.Text.Json.JsonTokenType.String ? new PersonCount(0, true) : PersonCount.Of(reader.GetInt32());

    public override void Write(System.Text.Json.Utf8JsonWriter writer, PersonCount value, System.Text.Json.JsonSerializerOptions options)
    {
        if (value.Suppressed) writer.WriteStringValue("<5");
        else writer.WriteNumberValue(value.Value);
    }
}

/// <summary>
/// The monthly occupancy report of one municipality: one set of figures, rendered as PDF, JSON and CSV.
/// Counted in nights: a night belongs to the date it begins on, so a month has as many nights as days.
/// </summary>
public sealed record MonthlyFigures
{
    public required int MunicipalityCode { get; init; }
    public required string MunicipalityName { get; init; }
    public required string Month { get; init; }
    public required LocalDate FirstNight { get; init; }
    public required LocalDate LastNight { get; init; }
    public required int Nights { get; init; }
    /// <summary>True while the month is still going on: only the nights up to and including today are counted.</summary>
    public required bool InProgress { get; init; }
    public required Instant GeneratedAt { get; init; }

    public required IReadOnlyList<FacilityOccupancy> Facilities { get; init; }
    public required IReadOnlyList<KindOccupancy> Kinds { get; init; }
    public required Occupancy Total { get; init; }
    public required Flow Flow { get; init; }
    public required Youth Youth { get; init; }
    public required HousingFirstFigures HousingFirst { get; init; }
    public required IReadOnlyList<WaitlistFigures> Waitlists { get; init; }
    public required Notifications Notifications { get; init; }
    public required IReadOnlyList<TrendPoint> Trend { get; init; }
    public required IReadOnlyList<DataQualityNote> DataQuality { get; init; }
}

/// <summary>Bed-nights of one facility, from the stays and from the shelter's own capacity reports.</summary>
public sealed record FacilityOccupancy(
    int FacilityId, string Name, FacilityKind Kind, int Beds, int BedsInService,
    long CapacityBedNights, long OccupiedBedNights, double? OccupancyRate, long OutOfServiceBedNights,
    int ReportedNights, int MissingReportNights, long ReportedCapacityBedNights, long ReportedOccupiedBedNights,
    long ReportedOutOfServiceBedNights, double? ReportedOccupancyRate, int DisagreeingNights);

public sealed record Occupancy(long CapacityBedNights, long OccupiedBedNights, double? OccupancyRate, long OutOfServiceBedNights,
    long ReportedCapacityBedNights, long ReportedOccupiedBedNights, double? ReportedOccupancyRate);

public sealed record KindOccupancy(FacilityKind Kind, int Facilities, int Beds, Occupancy Occupancy, double? PreviousMonthRate, double? ChangeInPercentagePoints);

public sealed record NamedCount(string Name, PersonCount Count);

/// <summary>Who came, who left and how, who could not be taken in.</summary>
public sealed record Flow(
    PersonCount Admissions, PersonCount Discharges, PersonCount DistinctPersons,
    IReadOnlyList<NamedCount> DischargesByReason, IReadOnlyList<NamedCount> DischargesByDestination,
    PersonCount CompletedStays, double? MeanNightsOfCompletedStays, double? MedianNightsOfCompletedStays,
    PersonCount PersonsPastSection110Threshold, PersonCount Turnaways, IReadOnlyList<NamedCount> TurnawaysByReason);

/// <summary>Young people admitted to §110 places (the policy says none) and the recorded exceptions.</summary>
public sealed record Youth(int MinAge, int MaxAge, PersonCount AdmittedToSection110, PersonCount RecordedExceptions,
    IReadOnlyList<string> Justifications, bool JustificationsWithheld);

public sealed record HousingFirstFigures(
    IReadOnlyList<NamedCount> ActiveBySupportMethod, PersonCount Started, PersonCount Ended,
    Retention SixMonths, Retention TwelveMonths);

/// <summary>Share of the placements that started at least N months before the month's end and were still housed N months on.</summary>
public sealed record Retention(int Months, PersonCount Cohort, PersonCount StillHoused, double? Share);

public sealed record WaitlistFigures(string Name, WaitlistKind Kind, PersonCount EntriesAtMonthEnd, PersonCount NewEntries,
    PersonCount OffersMade, PersonCount Accepted, PersonCount Declined, PersonCount Expired, double? MedianDaysWaitedByHoused);

/// <summary>Serviceloven §110 stk. 6: notifications of the responsible municipality within 3 working days of admission.</summary>
public sealed record Notifications(PersonCount Due, PersonCount OnTime, double? ShareOnTime);

public sealed record TrendPoint(string Month, FacilityKind Kind, double? OccupancyRate);

public sealed record DataQualityNote(string Facility, string NoteDa, string NoteEn);
