namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The follow-up the municipal policies ask for at the municipality's §110 places (the legal basis decides, not the kind):
/// handlekommune, people without a CPR number, the counting year, support after the stay (Serviceloven §176 a), readmissions,
/// discharges to the street, admissions straight from institutions, waiting after a turnaway, and housing kept after a
/// discharge to own housing. Every count is suppressed below 5 as the rest of the report is.
/// </summary>
public sealed record Section110Figures(
    PersonCount Admissions,
    IReadOnlyList<NamedCount> AdmissionsByHandlekommune,
    PersonCount AdmissionsWithoutCpr,
    PersonCount PersonsWithoutCpr,
    PersonCount PersonsAtWarning,
    PersonCount PersonsPastThreshold,
    PersonCount NightsPastThreshold,
    PersonCount Discharges,
    IReadOnlyList<NamedCount> DischargesByFollowUpSupport,
    PersonCount FollowUpDecidedBeforeDischarge,
    PersonCount Readmissions12Months,
    PersonCount DischargesToStreetOrUnknown,
    IReadOnlyList<NamedCount> AdmissionsByPriorResidence,
    PersonCount AdmissionsFromHospitalPsychiatryOrPrison,
    PersonCount AdmissionsAfterTurnaway,
    double? MedianDaysFromFirstTurnaway,
    Retention HousingKeptSixMonths,
    Retention HousingKeptTwelveMonths);
