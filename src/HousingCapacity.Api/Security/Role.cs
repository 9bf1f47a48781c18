namespace HousingCapacity.Api.Security;

/// <summary>The roles a token can carry (claim "role").</summary>
public enum Role
{
    /// <summary>Boligsagsbehandler: persons, placements, waitlists and turnaways of one municipality; capacity everywhere.</summary>
    HousingOfficer,
    /// <summary>Personale på et tilbud: capacity, units, holds, check-in/out and turnaways at their own facilities.</summary>
    ShelterStaff,
    /// <summary>Udvalgsmedlem: the monthly reports of one municipality and the catalogue of facilities; never a person.</summary>
    Committee,
    /// <summary>The catalogue: municipalities, facilities and units.</summary>
    Administrator,
}
