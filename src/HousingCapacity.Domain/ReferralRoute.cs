namespace HousingCapacity.Domain;

/// <summary>
/// How a person came to a stay. Danmarks Statistik asked this until 2020; since 2021 it asks where the person stayed before
/// (<see cref="PriorResidence"/>). Kept, because clients read it.
/// </summary>
public enum ReferralRoute { SelfReferral, Municipality, Hospital, Psychiatry, Prison, OtherShelter, Other }
