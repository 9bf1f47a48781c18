namespace HousingCapacity.Domain;

/// <summary>
/// A <see cref="Refusal"/> thrown where it cannot be returned: an entity's constructor or method guarding its invariants, or a
/// look-up deep inside a workflow. The write it happens in is rolled back, and it is answered exactly as the returned refusal
/// would be.
/// </summary>
public class RefusedException(Refusal refusal) : Exception(refusal.MessageEn)
{
    public Refusal Refusal { get; } = refusal;
}
