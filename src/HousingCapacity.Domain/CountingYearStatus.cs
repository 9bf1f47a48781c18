using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>A counting year on a date (see <see cref="CountingYear.StatusOn"/>).</summary>
/// <param name="Nights">§110 nights of the year up to and including the date.</param>
/// <param name="Threshold">The threshold in force on the date.</param>
/// <param name="WarningLevel">The highest early warning reached below that threshold; null for none.</param>
/// <param name="ThresholdPassedOn">The first night past the threshold in force on it; null while not passed.</param>
/// <param name="NightsPastThreshold">The year's nights past the threshold, up to the date.</param>
public sealed record CountingYearStatus(int Nights, int Threshold, int? WarningLevel, LocalDate? ThresholdPassedOn,
    int NightsPastThreshold);
