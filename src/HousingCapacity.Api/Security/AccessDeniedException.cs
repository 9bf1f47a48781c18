namespace HousingCapacity.Api.Security;

/// <summary>A request outside the caller's scope: 403 with a message that says what the role may do.</summary>
public sealed class AccessDeniedException(string messageDa, string messageEn) : Exception(messageEn)
{
    public string MessageDa { get; } = messageDa;
    public string MessageEn { get; } = messageEn;
}
