namespace HousingCapacity.Domain;

public enum OfferStatus { Pending, Accepted, Declined, Expired }
