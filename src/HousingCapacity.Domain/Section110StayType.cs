namespace HousingCapacity.Domain;

/// <summary>
/// The kind of a stay at a §110 place, as Danmarks Statistik asks it for every stay since 2021 ("opholdstype"): a stay at the
/// herberg or forsorgshjem itself, or efterforsorg, the §110 place's help after the stay ("efterfølgende hjælp", Serviceloven
/// §110 stk. 1), given in a dwelling the place runs (an udslusningsbolig). DST's third type, a night café, was dropped on
/// 1 July 2022 and cannot be recorded. The codes DST uses are in the API's <c>DstCodes</c>, the one place that knows them.
/// </summary>
public enum Section110StayType { Shelter, AfterCare }
