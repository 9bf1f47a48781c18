namespace HousingCapacity.Domain;

/// <summary>
/// The decision on support after a §110 stay that Serviceloven §176 a refunds when it is made before the discharge: bostøtte
/// after §85 a (the Housing First methods) for up to 2 years, or a §107 botilbud for up to 6 months (elov.dk, serviceloven
/// §176 a, lovbekendtgørelse nr. 67 af 22. januar 2024 with later changes).
/// </summary>
public enum FollowUpSupport
{
    /// <summary>No follow-up support decided.</summary>
    None,
    /// <summary>Bostøtte after §85 a (Housing First: CTI, ICM or ACT).</summary>
    HousingSupport85a,
    /// <summary>A midlertidigt botilbud after §107.</summary>
    Section107,
}
