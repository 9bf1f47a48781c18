using System.Text.Json.Serialization;

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
