namespace HousingCapacity.Domain;

/// <summary>Where a transition stands: open until a place is secured, the person declines, or its date passes (lapsed).</summary>
public enum TransitionStatus { Open, PlaceSecured, DeclinedByPerson, Lapsed }
