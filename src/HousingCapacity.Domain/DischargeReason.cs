namespace HousingCapacity.Domain;

/// <summary>How a stay ended (Danmarks Statistik's §110 registration asks at check-out).</summary>
public enum DischargeReason { Planned, SelfDischarged, Expelled, TransferredToOtherOffer, Hospitalised, Imprisoned, Deceased, Unknown }
