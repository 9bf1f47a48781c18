namespace HousingCapacity.Api.Data;

/// <summary>
/// The refusal an exception stands for, when it is an expected one: a refusal thrown where it could not be returned (an entity's
/// invariant, the save's write scope: <see cref="RefusedException"/>) or the database's own (<see cref="DatabaseGuards"/>). The
/// API's answer and a page's both start here; anything else is a fault.
/// </summary>
public static class ExpectedRefusal
{
    public static Refusal? Of(Exception exception) =>
        exception is RefusedException refused ? refused.Refusal : DatabaseGuards.Classify(exception);
}
