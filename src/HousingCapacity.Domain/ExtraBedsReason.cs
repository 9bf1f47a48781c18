namespace HousingCapacity.Domain;

/// <summary>
/// Why a place opens extra beds for a period. Municipalities and the organisations running night cafés and shelters open them in
/// two ways: a vinterberedskab for the winter (Copenhagen's social committee: extra places from 15 November to 31 March), and a
/// kulde- og frostberedskab set going from day to day when a night turns dangerously cold (Odense's three levels, with extra beds
/// in the varmestuer). No law requires either: it is each municipality's own decision.
/// </summary>
public enum ExtraBedsReason
{
    /// <summary>Kuldeberedskab (kulde- og frostberedskab): extra beds for a run of cold nights.</summary>
    ColdWeather,
    /// <summary>Vinterberedskab: extra beds for the winter.</summary>
    Winter,
    /// <summary>Anything else (an emergency at another place, say); a note says what.</summary>
    Other,
}
