namespace HousingCapacity.Api.Features.Transitions;

public sealed class TransitionOptions
{
    /// <summary>Transitions this many days ahead or fewer, still without a place, head the officers' worklist.</summary>
    public int WarnDays { get; set; } = 14;
}
