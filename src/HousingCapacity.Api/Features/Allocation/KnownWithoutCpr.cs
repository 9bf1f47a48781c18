namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// Someone without a CPR number who has stayed at a place before, as the door's staff may pick them at a check-in: enough to
/// recognise a regular (alias, gender, birth year, last stay there), nothing more.
/// </summary>
public sealed class KnownWithoutCpr
{
    public int PersonId { get; init; }
    public string Alias { get; init; } = "";
    public Gender Gender { get; init; }
    public int BirthYear { get; init; }
    /// <summary>Whether the birth year was given by the person or estimated by staff.</summary>
    public AgeBasis AgeBasis { get; init; }
    /// <summary>The first night of the person's last stay at this place.</summary>
    public DateOnly LastStayStart { get; init; }
    /// <summary>The morning that stay ended; null while it runs.</summary>
    public DateOnly? LastStayEnd { get; init; }
}
