namespace HousingCapacity.Domain;

/// <summary>How a person came to a stay (Danmarks Statistik's §110 registration asks at check-in).</summary>
public enum ReferralRoute { SelfReferral, Municipality, Hospital, Psychiatry, Prison, OtherShelter, Other }
