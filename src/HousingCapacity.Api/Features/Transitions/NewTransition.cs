namespace HousingCapacity.Api.Features.Transitions;

/// <summary>What a client sends to record a transition (POST /odata/Transitions): told today unless said; the municipality is the
/// person's, or the caller's when the person has none: the properties the writer accepts.</summary>
public sealed record NewTransition(int PersonId, TransitionKind Kind, DateOnly LosesRoofOn, string ComingFrom, string ToldBy,
    DateOnly? ToldOn = null, string? ResponsibleOfficer = null, string? Note = null);
