namespace HousingCapacity.Domain;

/// <summary>
/// A broken invariant or rule of an entity (<see cref="RefusalKind.RuleBroken"/>): thrown by the domain's constructors and methods,
/// which cannot return a refusal. It carries a stable code that clients rely on, the message in Danish (what the user reads) and in
/// English, and the target property when one is to blame. Messages never contain a CPR number.
/// </summary>
public sealed class DomainRuleException(string code, string messageDa, string messageEn, string? target = null)
    : RefusedException(Refusal.Rule(code, messageDa, messageEn, target))
{
    public string Code => Refusal.Code;
    public string MessageDa => Refusal.MessageDa;
    public string MessageEn => Refusal.MessageEn;
    public string? Target => Refusal.Target;

    internal static void ThrowIf(bool broken, string code, string da, string en, string? target = null)
    {
        if (broken) throw new DomainRuleException(code, da, en, target);
    }

    internal static string RequireText(string? value, string target, int maxLength, string daName)
    {
        ThrowIf(string.IsNullOrWhiteSpace(value), "Required",
            $"{daName} skal udfyldes.", $"{target} is required.", target);
        var trimmed = value!.Trim();
        ThrowIf(trimmed.Length > maxLength, "TooLong",
            $"{daName} må højst være {maxLength} tegn.", $"{target} must be at most {maxLength} characters.", target);
        return trimmed;
    }
}
