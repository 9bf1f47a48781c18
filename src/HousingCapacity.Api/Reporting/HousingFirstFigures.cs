using System.Text.Json.Serialization;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Reporting;

public sealed record HousingFirstFigures(
    IReadOnlyList<NamedCount> ActiveBySupportMethod, PersonCount Started, PersonCount Ended,
    Retention SixMonths, Retention TwelveMonths);
