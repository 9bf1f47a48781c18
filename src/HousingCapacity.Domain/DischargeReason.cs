namespace HousingCapacity.Domain;

/// <summary>
/// How a stay ended (Danmarks Statistik's §110 registration asks at check-out how the discharge happened). Expelled is
/// bortvisning, its own way of ending: the leader's decision to end the stay (Serviceloven §110 stk. 4), not a planned
/// discharge and not the person leaving.
/// </summary>
public enum DischargeReason { Planned, SelfDischarged, Expelled, TransferredToOtherOffer, Hospitalised, Imprisoned, Deceased, Unknown }
