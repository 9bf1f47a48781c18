namespace HousingCapacity.Domain;

/// <summary>Where the person went after the stay.</summary>
public enum Destination
{
    OwnHome, SkaevBolig, HousingFirstHome, SupportedHousing, OtherShelter, FamilyOrFriends,
    Hospital, Prison, Street, Abroad, Unknown,
}
