using HousingCapacity.Api.OData;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Data;

/// <summary>
/// The texts people write into records, which others read (a justification in the committee's report, an alias on the door's
/// board): none may hold a CPR number in any common written form (issue 23: a justification with <c>13.01.69-0961</c> reached the
/// committee's PDF). Each text property of each record is declared once, as written by a person or set by the system, and a test
/// fails for one declared as neither. Checked at every save of a caller (<see cref="HousingDbContext"/>).
/// </summary>
public static class FreeText
{
    /// <summary>Texts people write: refused (400 CprInFreeText) when they hold a CPR number.</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> Written = new Dictionary<Type, string[]>
    {
        [typeof(Placement)] = [nameof(Placement.ExceptionJustification), nameof(Placement.ResponsibleMunicipalityReason),
            nameof(Placement.ReferralReason)],
        [typeof(Turnaway)] = [nameof(Turnaway.Explanation)],
        [typeof(Offer)] = [nameof(Offer.DeclineReason)],
        [typeof(WaitlistEntry)] = [nameof(WaitlistEntry.PriorityReason)],
        [typeof(Person)] = [nameof(Person.Alias), nameof(Person.FirstName), nameof(Person.LastName)],
        [typeof(BedHold)] = [nameof(BedHold.Note)],
        [typeof(SupportPeriod)] = [nameof(SupportPeriod.Reason)],
        [typeof(Facility)] = [nameof(Facility.Name), nameof(Facility.Address)],
        [typeof(Unit)] = [nameof(Unit.Label)],
        [typeof(ExtraBeds)] = [nameof(ExtraBeds.Note)],
        [typeof(Waitlist)] = [nameof(Waitlist.Name)],
        [typeof(Municipality)] = [nameof(Municipality.Name)],
        [typeof(YouthPolicy)] = [nameof(YouthPolicy.PolicyName)],
        [typeof(NoticedStay)] = [nameof(NoticedStay.PlaceName)],
        [typeof(Transition)] = [nameof(Transition.ComingFrom), nameof(Transition.ToldBy), nameof(Transition.ResponsibleOfficer),
            nameof(Transition.Note), nameof(Transition.DeclineReason)],
    };

    /// <summary>Texts the system sets (the CPR number itself, the user names from tokens, reasons it writes).</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> SetBySystem = new Dictionary<Type, string[]>
    {
        [typeof(Person)] = [nameof(Person.Cpr)],
        [typeof(Placement)] = [nameof(Placement.ExceptionDecidedBy), nameof(Placement.AdmittedBy), nameof(Placement.ReferredBy),
            nameof(Placement.DischargeDecidedBy)],
        [typeof(Turnaway)] = [nameof(Turnaway.DecidedBy)],
        [typeof(CapacityReport)] = [nameof(CapacityReport.ReportedBy)],
        [typeof(BedHold)] = [nameof(BedHold.HeldBy)],
        [typeof(SupportPeriod)] = [nameof(SupportPeriod.RecordedBy)],
        [typeof(WaitlistEntry)] = [nameof(WaitlistEntry.FlaggedReason)],
        [typeof(YouthPolicy)] = [nameof(YouthPolicy.RecordedBy)],
        [typeof(NoticedStay)] = [nameof(NoticedStay.RecordedBy)],
        [typeof(Transition)] = [nameof(Transition.RecordedBy)],
        [typeof(ExtraBeds)] = [nameof(ExtraBeds.OpenedBy), nameof(ExtraBeds.ClosedEarlyBy)],
    };

    /// <summary>No text these changes set holds a CPR number.</summary>
    public static void EnsureNoCpr(IEnumerable<EntityEntry<Entity>> changes)
    {
        foreach (var (property, value) in DeclaredProperties.SetBy(changes, Written)) Privacy.EnsureNoCpr(value as string, property);
    }
}
