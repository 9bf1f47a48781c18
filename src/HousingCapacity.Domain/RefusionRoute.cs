using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>The §176 a routes to state refusion after a §110 stay.</summary>
public enum RefusionRoute
{
    /// <summary>Stk. 1 nr. 1: §85 a bostøtte decided before the discharge; up to 2 years.</summary>
    HousingSupport85a,
    /// <summary>Stk. 2: a §107 botilbud decided before the discharge; up to 6 months within 1 year.</summary>
    Section107,
    /// <summary>Stk. 1 nr. 2: straight to a §107 botilbud, then §85 a bostøtte decided when it ended; up to 2 years.</summary>
    Section107ThenHousingSupport85a,
}
