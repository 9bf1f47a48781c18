namespace HousingCapacity.Domain;

/// <summary>What a facility is. See shared/domain.md for the Danish terms and the legal basis.</summary>
public enum FacilityKind
{
    /// <summary>Forsorgshjem / herberg, Serviceloven §110.</summary>
    Section110Shelter,
    /// <summary>Akutpladser / natvarmestue: night-by-night beds.</summary>
    EmergencyBeds,
    /// <summary>Skæve boliger: permanent almen homes with a social vicevært.</summary>
    SkaevBolig,
    /// <summary>Housing First-bolig with bostøtte (Serviceloven §85 a).</summary>
    HousingFirst,
    /// <summary>Ungebolig / kollegielignende bolig.</summary>
    YouthHousing,
    /// <summary>Akutbolig / midlertidig bolig after hospital or prison.</summary>
    AkutBolig,
    /// <summary>Midlertidigt botilbud, Serviceloven §107.</summary>
    Section107,
}

public enum Gender { Female, Male }

public enum GenderRestriction { None, WomenOnly, MenOnly }

public enum UnitStatus { InService, OutOfService }

/// <summary>Housing First support methods (Serviceloven §85 a since 1 October 2023).</summary>
public enum SupportMethod { None, CTI, ICM, ACT }

/// <summary>How a person came to a stay (Danmarks Statistik's §110 registration asks at check-in).</summary>
public enum ReferralRoute { SelfReferral, Municipality, Hospital, Psychiatry, Prison, OtherShelter, Other }

/// <summary>How a stay ended (Danmarks Statistik's §110 registration asks at check-out).</summary>
public enum DischargeReason { Planned, SelfDischarged, Expelled, TransferredToOtherOffer, Hospitalised, Imprisoned, Deceased, Unknown }

/// <summary>Where the person went after the stay.</summary>
public enum Destination
{
    OwnHome, SkaevBolig, HousingFirstHome, SupportedHousing, OtherShelter, FamilyOrFriends,
    Hospital, Prison, Street, Abroad, Unknown,
}

public enum WaitlistKind { YouthHousing, SkaevBolig, HousingFirst }

public enum Priority { Normal, Urgent }

public enum WaitlistEntryStatus { Waiting, Offered, Housed, Withdrawn }

public enum OfferStatus { Pending, Accepted, Declined, Expired }

public enum TurnawayReason { Full, GenderRestricted, AgeRestricted, YouthInSection110, Intoxicated, Violence, Other }
