using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>One §110 stay's claim to refusion: its decision, and the period it falls in.</summary>
public sealed record RefusionClaim(int PlacementId, int PersonId, RefusionRoute Route, LocalDate DecidedOn, LocalDate DischargedOn,
    LocalDate PeriodStart, LocalDate PeriodEnd, bool StartsPeriod);
