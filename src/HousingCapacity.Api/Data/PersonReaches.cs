using System.Linq.Expressions;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Every record of the EF model and how it reaches a person (<see cref="PersonReach"/>). A record missing here fails at its first
/// use and in <c>PersonReachTests</c>, which also fails for a record with a reference to a person that is not declared by it.
/// </summary>
public static class PersonReaches
{
    private static readonly Dictionary<Type, PersonReach> All = new()
    {
        [typeof(Municipality)] = PersonReach.None,
        [typeof(Facility)] = PersonReach.None,
        [typeof(YouthPolicy)] = PersonReach.None,
        [typeof(Unit)] = PersonReach.None,
        [typeof(CapacityReport)] = PersonReach.None,
        [typeof(ExtraBeds)] = PersonReach.None,
        [typeof(Waitlist)] = PersonReach.None,
        [typeof(Person)] = PersonReach.Self,
        [typeof(Placement)] = PersonReach.Own<Placement>(p => p.PersonId),
        [typeof(SupportPeriod)] = PersonReach.Own<SupportPeriod>(s => s.PersonId),
        [typeof(WaitlistEntry)] = PersonReach.Own<WaitlistEntry>(e => e.PersonId),
        [typeof(Offer)] = PersonReach.Through<Offer, WaitlistEntry>(o => o.WaitlistEntryId),
        [typeof(Turnaway)] = PersonReach.Own<Turnaway>(t => t.PersonId),
        [typeof(BedHold)] = PersonReach.Own<BedHold>(h => h.PersonId),
        [typeof(NoticedStay)] = PersonReach.Own<NoticedStay>(n => n.PersonId),
        [typeof(Transition)] = PersonReach.Own<Transition>(t => t.PersonId),
    };

    public static IReadOnlyDictionary<Type, PersonReach> Declared => All;

    public static PersonReach Of(Type type) => All.TryGetValue(type, out var reach) ? reach
        : throw new InvalidOperationException($"{type.Name} is not declared in PersonReaches: say how it reaches a person.");

    /// <summary>The records that hold a person's id of their own: what a merge moves.</summary>
    public static IEnumerable<PersonReach.Column> Columns => All.Values.OfType<PersonReach.Column>();
}
