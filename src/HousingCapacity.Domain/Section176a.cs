using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// Serviceloven §176 a (elov.dk, lovbekendtgørelse nr. 67 af 22. januar 2024 with later changes): the state refunds 50 % of §85 a
/// bostøtte "i op til 2 år efter borgerens udskrivning fra en boform efter § 110" when the decision was made before the
/// discharge (stk. 1 nr. 1) or, after a §107 stay straight after the discharge, when that stay ended (stk. 1 nr. 2); and of a
/// §107 botilbud "i op til 6 måneder inden for en periode på 1 år" when decided before the discharge (stk. 2). Stk. 3: "Perioderne
/// … regnes fra datoen for første udskrivning fra boformen efter § 110 og beregnes ikke på ny, hvis borgeren inden for den
/// angivne periode igen optages". So a person's qualifying discharges are taken in order: the first starts a period, and a later
/// one inside it belongs to it; one after it ends starts a new period. The two §85 a routes share their periods; §107 has its own.
/// </summary>
public static class Section176a
{
    /// <summary>A §110 stay as §176 a reads it: the decision at discharge and, for stk. 1 nr. 2, the later §85 a decision.</summary>
    public sealed record Stay(int PlacementId, int PersonId, LocalDate DischargedOn, FollowUpSupport? Support, LocalDate? DecidedOn,
        LocalDate? HousingSupportAfter107DecidedOn);

    public static Period LengthOf(RefusionRoute route) => route == RefusionRoute.Section107 ? Period.FromYears(1) : Period.FromYears(2);

    public static IReadOnlyList<RefusionClaim> Claims(IEnumerable<Stay> stays)
    {
        var claims = new List<(Stay Stay, RefusionRoute Route, LocalDate DecidedOn)>();
        foreach (var s in stays)
        {
            if (s.Support == FollowUpSupport.HousingSupport85a && s.DecidedOn is { } d85 && d85 <= s.DischargedOn)
                claims.Add((s, RefusionRoute.HousingSupport85a, d85));
            if (s.Support == FollowUpSupport.Section107 && s.DecidedOn is { } d107 && d107 <= s.DischargedOn)
            {
                claims.Add((s, RefusionRoute.Section107, d107));
                if (s.HousingSupportAfter107DecidedOn is { } after && after > s.DischargedOn && after < s.DischargedOn.PlusYears(2))
                    claims.Add((s, RefusionRoute.Section107ThenHousingSupport85a, after));
            }
        }
        var result = new List<RefusionClaim>();
        foreach (var group in claims.GroupBy(c => (c.Stay.PersonId, Kind: c.Route == RefusionRoute.Section107)))
        {
            LocalDate? start = null, end = null;
            foreach (var (stay, route, decided) in group.OrderBy(c => c.Stay.DischargedOn).ThenBy(c => c.Stay.PlacementId))
            {
                var starts = end is null || stay.DischargedOn >= end;
                if (starts) (start, end) = (stay.DischargedOn, stay.DischargedOn + LengthOf(route));
                result.Add(new RefusionClaim(stay.PlacementId, stay.PersonId, route, decided, stay.DischargedOn, start!.Value, end!.Value,
                    starts));
            }
        }
        return [.. result.OrderBy(c => c.PeriodStart).ThenBy(c => c.PersonId).ThenBy(c => c.DischargedOn)];
    }
}
