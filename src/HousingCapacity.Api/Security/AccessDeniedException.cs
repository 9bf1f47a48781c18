namespace HousingCapacity.Api.Security;

/// <summary>
/// A request outside the caller's scope (<see cref="RefusalKind.Forbidden"/>), found where it cannot be returned (the save's write
/// scope, a look-up of the caller's rights): 403 with a message that says what the role may do.
/// </summary>
public sealed class AccessDeniedException(string messageDa, string messageEn)
    : RefusedException(Refusal.Forbidden(messageDa, messageEn))
{
    public string MessageDa => Refusal.MessageDa;
    public string MessageEn => Refusal.MessageEn;
}
