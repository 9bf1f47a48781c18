using Bogus;
using HousingCapacity.Domain;
using NodaTime;
using Person = HousingCapacity.Domain.Person;

namespace HousingCapacity.Seed;

/// <summary>
/// Deterministic demo data: persons with valid synthetic CPR numbers (a spread of ages, 18–25s included),
/// stays that respect every placement rule, six months (or <see cref="DemoDataOptions.Months"/>) of daily capacity reports that
/// mostly agree with the stays, waitlists with entries and offers, and turnaways. A history longer than a year scales with its
/// years: persons (who return to the places year after year, as the stays pick among them), waitlist entries, and the window in
/// which long stays (Housing First, skæve boliger) begin and end; six months or less gives the data it always gave.
/// </summary>
public sealed class DemoDataGenerator(DemoDataOptions options)
{
    private static readonly string[] FemaleNames = ["Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Camilla", "Louise",
        "Maria", "Sofie", "Emma", "Ida", "Julie", "Freja", "Laura", "Signe", "Nanna", "Cecilie", "Maja"];
    private static readonly string[] MaleNames = ["Peter", "Jens", "Lars", "Henrik", "Søren", "Niels", "Michael", "Thomas", "Jan", "Martin",
        "Rasmus", "Mads", "Jonas", "Mikkel", "Frederik", "Emil", "Oliver", "Lucas", "Mathias", "Kasper"];
    private static readonly string[] Surnames = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
        "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller",
            "Mortensen", "Hussein", "Ahmed", "Kowalski", "Nowak"];
    private static readonly string[] Justifications =
    [
        "Ingen egnet ungeplads ledig i kommunen i nat; borgeren ville ellers sove på gaden. Genvurderes inden 14 dage.",
        "Borgeren har selv ønsket herberget frem for natvarmestue, og der er aftalt forløb med ungeteamet.",
        "Akut behov efter udskrivning fra psykiatrien; ungeboligen er først ledig om tre uger.",
    ];

    private static readonly string[] UrgentReasons =
    [
        "Udskrives fra psykiatrisk afdeling og har ingen bolig at komme hjem til.",
        "Løslades fra fængsel inden for en måned; ingen adresse.",
        "Udsat af sin bolig ved fogeden; bor midlertidigt på herberg med børn på weekendsamvær.",
        "Opholdet på botilbud efter § 107 slutter; behov for egen bolig med støtte.",
    ];

    private readonly Faker _faker = new("nb_NO") { Random = new Randomizer(options.Seed) };
    private readonly Dictionary<int, List<DateRange>> _busy = [];
    private readonly HashSet<string> _cprs = [];

    private Randomizer Rnd => _faker.Random;
    private static readonly WorkingDays WorkingDays = new PlacementPolicy().WorkingDays();
    private LocalDate Today => options.Today;
    /// <summary>The youth policy of each municipality that has its own (the others use the configured default).</summary>
    private readonly Dictionary<int, int> _youthPolicyOf = [];
    private LocalDate HistoryStart => Today.PlusMonths(-options.Months);
    /// <summary>Years of history, for what scales with them (1 for a year or less).</summary>
    private int HistoryYears => Math.Max(1, options.Months / 12);
    /// <summary>How many days back a long stay's first night may be: three years, or the whole history when it is longer.</summary>
    private int LongStayHorizonDays => Math.Max(1100, HistoryDays);
    private int HistoryDays => Period.Between(HistoryStart, Today, PeriodUnits.Days).Days;
    /// <summary>Units out of service went out of service a month ago; they were emptied first.</summary>
    private LocalDate OutOfServiceSince => Today.PlusDays(-30);

    public async Task GenerateAsync(IDemoDataStore store)
    {
        var catalogue = Catalogue.Load();
        var plans = PlanMunicipalities(catalogue);

        var municipalities = plans.Select(p => new Municipality(p.Code, p.Name)).ToList();
        await store.SaveAsync(municipalities);
        // A municipality with its own youth policy (Slagelse's udsattepolitik); the others use the configured default.
        var policies = plans.Select((p, i) => (p.YouthPolicy, Municipality: municipalities[i])).Where(x => x.YouthPolicy is not null)
            .Select(x => new YouthPolicy(x.Municipality.Id, x.YouthPolicy!.EffectiveFrom.ToLocalDate(), true, x.YouthPolicy.MinAge,
                x.YouthPolicy.MaxAge, x.YouthPolicy.PolicyName, x.YouthPolicy.PolicyYear, "system:seed")).ToList();
        await store.SaveAsync(policies);
        foreach (var policy in policies) _youthPolicyOf[policy.MunicipalityId] = policy.Id;

        for (var m = 0; m < municipalities.Count; m++)
        {
            var municipality = municipalities[m];
            var facilities = plans[m].Facilities.Select(f => new Facility(municipality.Id, f.Name, f.Kind, f.Address,
                f.GenderRestriction, f.MinAge, f.MaxAge, isActive: true, f.LegalBasis)).ToList();
            await store.SaveAsync(facilities);

            var units = new List<(Unit Unit, Facility Facility)>();
            for (var i = 0; i < facilities.Count; i++)
                foreach (var spec in plans[m].Facilities[i].Units)
                    for (var n = 1; n <= spec.Count; n++)
                        units.Add((Rnd.Bool(0.05f)
                            ? new Unit(facilities[i].Id, $"{spec.Prefix} {n}", spec.Beds, UnitStatus.OutOfService, OutOfServiceSince)
                            : new Unit(facilities[i].Id, $"{spec.Prefix} {n}", spec.Beds, UnitStatus.InService), facilities[i]));
            await store.SaveAsync(units.Select(u => u.Unit).ToList());

            var count = HistoryYears * (options.LargeMunicipalityCodes.Contains(municipality.Code) ? options.LargeMunicipalityPersons
                : options.PersonsPerMunicipality);
            var persons = Enumerable.Range(0, count).Select(_ => NewPerson(municipality.Id)).ToList();
            // Some people at the shelters give no CPR number (foreign nationals, people who stay anonymously).
            persons.AddRange(Enumerable.Range(0, Math.Max(1, count / 40)).Select(i => NewPersonWithoutCpr(i)));
            await store.SaveAsync(persons);

            var placements = new List<Placement>();
            foreach (var (unit, facility) in units) placements.AddRange(StaysIn(unit, facility, persons));
            await store.SaveAsync(placements);

            await store.SaveAsync(CapacityReports(facilities, units.Select(u => u.Unit).ToList(), placements));
            await store.SaveAsync(Turnaways(facilities, persons));
            await GenerateWaitlistsAsync(store, municipality, persons, units);
            await store.SaveAsync(Transitions(municipality, persons, placements));
            if (ColdSpellLastWinter(municipality, facilities) is { } coldSpell)
            {
                await store.SaveAsync([coldSpell]);
                await store.SaveAsync(StaysInExtraBeds(coldSpell, facilities.Single(f => f.Id == coldSpell.FacilityId), persons));
            }
        }
    }

    /// <summary>
    /// Issue 28.4: one kuldeberedskab last winter at the municipality's first herberg or forsorgshjem, 6 extra beds for 14 nights
    /// from 10 January. Drawn from its own seed, so that the rest of the demo stays as it was.
    /// </summary>
    private ExtraBeds? ColdSpellLastWinter(Municipality municipality, List<Facility> facilities)
    {
        if (facilities.FirstOrDefault(f => f.Kind == FacilityKind.Section110Shelter) is not { } shelter) return null;
        var first = new LocalDate(Today.Month >= 3 ? Today.Year : Today.Year - 1, 1, 10);
        return new ExtraBeds(shelter.Id, first, first.PlusDays(13), 6, ExtraBedsReason.ColdWeather,
            "Frost om natten ned til minus 10 grader", first, first.AtMidnight().InZoneLeniently(DanishTime.Zone).ToInstant(),
            "system:seed");
    }

    /// <summary>People in the extra beds of a cold spell, one to three nights each, most nights most beds: all past, all ended.</summary>
    private List<Placement> StaysInExtraBeds(ExtraBeds beds, Facility shelter, List<Person> persons)
    {
        var random = new Random(options.Seed + shelter.MunicipalityId);
        var stays = new List<Placement>();
        var (first, until) = (beds.FirstNight.ToLocalDate(), beds.LastNight.ToLocalDate().PlusDays(1));
        var adults = persons.Where(p => p.AgeOn(first) > 25).ToList();
        for (var bed = 0; bed < beds.Beds; bed++)
            for (var night = first.PlusDays(random.Next(0, 2)); night < until; night = night.PlusDays(random.Next(0, 2)))
            {
                var end = night.PlusDays(random.Next(1, 4));
                if (end > until) end = until;
                var stay = new DateRange(night, end);
                var person = Enumerable.Range(0, 25).Select(_ => adults[random.Next(adults.Count)])
                    .FirstOrDefault(p => !Busy(p.Id).Any(b => b.Overlaps(stay)));
                night = end;
                if (person is null) continue;
                Busy(person.Id).Add(stay);
                var placement = new Placement(person.Id, beds.UnitId, shelter.Id, shelter.LegalBasis, stay, SupportMethod.None, null,
                    ReferralRoute.SelfReferral, shelter.LegalBasis == LegalBasis.Section110 ? WorkingDays.Add(night, 3) : null,
                    priorResidence: PriorResidence.Street, responsibleMunicipalityId: person.MunicipalityId);
                placement.Discharge(end, DischargeReason.Planned, random.Next(0, 3) == 0 ? Destination.OtherShelter : Destination.Street,
                    shelter.LegalBasis == LegalBasis.Section110 ? FollowUpSupport.None : null);
                stays.Add(placement);
            }
        return stays;
    }

    /// <summary>
    /// Known dates of losing a roof (issue 28): releases and discharges in the coming weeks, one secured by a stay that began on its
    /// night, and one that lapsed last month. Picked by position, not drawn, so that the rest of the demo stays as it was.
    /// </summary>
    private List<Transition> Transitions(Municipality municipality, List<Person> persons, List<Placement> placements)
    {
        var housed = placements.Where(p => p.EndDate is null).Select(p => p.PersonId).ToHashSet();
        var free = persons.Where(p => p.HasCpr && p.MunicipalityId == municipality.Id && !housed.Contains(p.Id)).ToList();
        var transitions = new List<Transition>();
        (TransitionKind Kind, int InDays, int ToldDaysAgo, string From, string ToldBy)[] coming =
        [
            (TransitionKind.PrisonRelease, 4, 30, "Vestre Fængsel", "Kriminalforsorgen, udslusningskoordinator"),
            (TransitionKind.PsychiatryDischarge, 9, 6, "Psykiatrisk Center, afsnit for voksne", "Udskrivningskoordinator"),
            (TransitionKind.Section107Or108End, 25, 10, "Midlertidigt botilbud efter § 107", "Botilbuddets leder"),
            (TransitionKind.Eviction, 40, 3, "Lejlighed i kommunen", "Boligselskabets advokat"),
        ];
        for (var i = 0; i < coming.Length && 4 * i + 3 < free.Count; i++)
        {
            var (kind, inDays, told, from, by) = coming[i];
            transitions.Add(new Transition(free[4 * i + 3].Id, municipality.Id, kind, Today.PlusDays(inDays), from, by,
                Today.PlusDays(-told), null, null, Today, "system:seed"));
        }
        // Last month: a release whose date passed without a place.
        if (free.Count > 20)
        {
            var night = Today.PlusMonths(-1).With(DateAdjusters.StartOfMonth).PlusDays(10);
            var lapsed = new Transition(free[20].Id, municipality.Id, TransitionKind.PrisonRelease, night, "Arresthuset",
                "Kriminalforsorgen", night.PlusDays(-12), null, null, Today, "system:seed");
            lapsed.LapseIfDue(Today);
            transitions.Add(lapsed);
        }
        // A discharge from hospital whose night a stay secured two days ahead.
        if (placements.Where(p => p.EndDate is null && p.StartDate.ToLocalDate() >= Today.PlusDays(-20))
                .FirstOrDefault(p => persons.Any(x => x.Id == p.PersonId && x.MunicipalityId == municipality.Id)) is { } stay)
        {
            var night = stay.StartDate.ToLocalDate();
            var secured = new Transition(stay.PersonId, municipality.Id, TransitionKind.HospitalDischarge, night, "Hospitalet",
                "Socialrådgiver på hospitalet", night.PlusDays(-7), null, null, Today, "system:seed");
            secured.Secure(stay.Id, null, null, night.PlusDays(-2));
            transitions.Add(secured);
        }
        return transitions;
    }

    private sealed record MunicipalityPlan(int Code, string Name, IReadOnlyList<CatalogueFacility> Facilities,
        CatalogueYouthPolicy? YouthPolicy = null);

    private List<MunicipalityPlan> PlanMunicipalities(Catalogue catalogue)
    {
        var plans = catalogue.Municipalities
            .Select(m => new MunicipalityPlan(m.Code, m.Name, options.LargeMunicipalityCodes.Contains(m.Code)
                ? m.Facilities.Concat(GeneratedFacilities(m.Name, Math.Max(0,
                    options.LargeMunicipalityFacilities - m.Facilities.Count))).ToList()
                : m.Facilities, m.YouthPolicy))
            .ToList();
        foreach (var m in catalogue.AllMunicipalities.Where(a => plans.All(p => p.Code != a.Code)))
        {
            if (plans.Count >= options.Municipalities) break;
            plans.Add(new MunicipalityPlan(m.Code, m.Name, GeneratedFacilities(m.Name,
                options.LargeMunicipalityCodes.Contains(m.Code) ? options.LargeMunicipalityFacilities
                    : options.FacilitiesPerGeneratedMunicipality)));
        }
        return plans.Take(Math.Max(options.Municipalities, 1)).ToList();
    }

    private List<CatalogueFacility> GeneratedFacilities(string town, int count)
    {
        var kinds = Enum.GetValues<FacilityKind>();
        var list = new List<CatalogueFacility>();
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[i % kinds.Length];
            var (label, name, beds) = kind switch
            {
                FacilityKind.Section110Shelter => ("Værelse", $"Herberget {town} {i + 1}", Rnd.Int(12, 40)),
                FacilityKind.EmergencyBeds => ("Seng", $"Natvarmestuen {town} {i + 1}", Rnd.Int(6, 16)),
                FacilityKind.SkaevBolig => ("Bolig", $"Skæve Boliger {town} {i + 1}", Rnd.Int(4, 12)),
                FacilityKind.HousingFirst => ("Lejlighed", $"Housing First {town} {i + 1}", Rnd.Int(8, 24)),
                FacilityKind.YouthHousing => ("Ungebolig", $"Ungeboliger {town} {i + 1}", Rnd.Int(8, 24)),
                FacilityKind.AkutBolig => ("Akutbolig", $"Akutboliger {town} {i + 1}", Rnd.Int(3, 8)),
                _ => ("Lejlighed", $"Botilbud {town} {i + 1}", Rnd.Int(4, 10)),
            };
            var youth = kind == FacilityKind.YouthHousing;
            list.Add(new CatalogueFacility(name, kind, $"{_faker.Address.StreetName()} {Rnd.Int(1, 200)}, {town}",
                GenderRestriction.None, youth ? 18 : null, youth ? 24 : null, [new CatalogueUnits(label, beds, 1)],
                // A generated natvarmestue is a §104 place, as many are; the other kinds take their usual legal basis.
                kind == FacilityKind.EmergencyBeds ? LegalBasis.Section104 : null));
        }
        return list;
    }

    private Person NewPerson(int municipalityId)
    {
        // A fifth are 18–25 (VIVE counted 744 of 5,789 homeless aged 18–24 in 2022); the rest 26–80.
        var age = Rnd.Bool(0.2f) ? Rnd.Int(18, 25) : Rnd.Int(26, 80);
        var birth = Today.PlusYears(-age).PlusDays(-Rnd.Int(0, 364));
        var gender = Rnd.Bool(0.75f) ? Gender.Male : Gender.Female;
        CprNumber cpr;
        do cpr = SyntheticCpr(birth, gender); while (!_cprs.Add(cpr.Value));
        var first = gender == Gender.Male ? Rnd.ArrayElement(MaleNames) : Rnd.ArrayElement(FemaleNames);
        return new Person(cpr, first, Rnd.ArrayElement(Surnames), gender, municipalityId);
    }

    private Person NewPersonWithoutCpr(int i)
    {
        var gender = Rnd.Bool(0.8f) ? Gender.Male : Gender.Female;
        var alias = $"{(gender == Gender.Male ? Rnd.ArrayElement(MaleNames) : Rnd.ArrayElement(FemaleNames))} {(char)('A' + i % 26)}.";
        return Rnd.Bool(0.5f)
            ? Person.WithoutCpr(alias, gender, Today.Year - Rnd.Int(22, 65), null, Today, null)
            : Person.WithoutCpr(alias, gender, null, Rnd.Int(30, 60), Today, null);
    }

    /// <summary>A CPR number whose 7th digit gives the right century and whose last digit the right sex.</summary>
    private CprNumber SyntheticCpr(LocalDate birth, Gender gender)
    {
        var yy = birth.Year % 100;
        var seventh = birth.Year >= 2000 ? 4 : Rnd.Int(0, 3);
        var middle = Rnd.Int(0, 99);
        var last = Rnd.Int(0, 4) * 2 + (gender == Gender.Male ? 1 : 0);
        return CprNumber.Parse($"{birth.Day:00}{birth.Month:00}{yy:00}-{seventh}{middle:00}{last}");
    }

    private static bool IsShortStay(FacilityKind kind) => kind is FacilityKind.Section110Shelter or FacilityKind.EmergencyBeds
        or FacilityKind.AkutBolig or FacilityKind.Section107;


    private IEnumerable<Placement> StaysIn(Unit unit, Facility facility, List<Person> persons)
    {
        var shortStay = IsShortStay(facility.Kind);
        for (var bed = 0; bed < unit.Beds; bed++)
        {
            var night = shortStay ? HistoryStart.PlusDays(Rnd.Int(0, 10)) : Today.PlusDays(-Rnd.Int(30, LongStayHorizonDays));
            // An out-of-service unit was emptied a month ago.
            var lastStart = unit.Status == UnitStatus.OutOfService ? OutOfServiceSince.PlusDays(-30) : Today;
            while (night < lastStart)
            {
                var nights = facility.Kind switch
                {
                    FacilityKind.EmergencyBeds => Rnd.Int(1, 5),
                    FacilityKind.Section110Shelter => Rnd.Bool(0.15f) ? Rnd.Int(91, 200) : Rnd.Int(2, 80),
                    FacilityKind.AkutBolig or FacilityKind.Section107 => Rnd.Int(14, 120),
                    _ => Rnd.Int(120, 1400),
                };
                var end = night.PlusDays(nights);
                if (unit.Status == UnitStatus.OutOfService && end > OutOfServiceSince) break;
                var stay = new DateRange(night, end > Today ? null : end);
                var candidate = PickPerson(persons, facility, stay);
                if (candidate is not null)
                {
                    Busy(candidate.Id).Add(stay);
                    yield return NewPlacement(candidate, unit, facility, stay);
                }
                if (stay.IsOpen) break;
                night = end.PlusDays(shortStay ? Rnd.Int(0, 3) : Rnd.Int(5, 60));
            }
        }
    }

    private Placement NewPlacement(Person person, Unit unit, Facility facility, DateRange stay)
    {
        var youth = person.AgeOn(stay.Start) is >= 18 and <= 25;
        var section110 = facility.LegalBasis == LegalBasis.Section110;
        var support = facility.Kind == FacilityKind.HousingFirst
            ? Rnd.WeightedRandom([SupportMethod.CTI, SupportMethod.ICM, SupportMethod.ACT], [0.5f, 0.35f, 0.15f])
            : SupportMethod.None;
        var placement = new Placement(person.Id, unit.Id, facility.Id, facility.LegalBasis, new DateRange(stay.Start, null), support,
            section110 && youth ? Rnd.ArrayElement(Justifications) : null,
            section110 ? Rnd.WeightedRandom([ReferralRoute.SelfReferral, ReferralRoute.Municipality, ReferralRoute.Hospital,
                ReferralRoute.Prison], [0.7f, 0.15f, 0.1f, 0.05f]) : ReferralRoute.Municipality,
            section110 ? WorkingDays.Add(stay.Start, 3) : null,
            priorResidence: section110 || facility.LegalBasis == LegalBasis.Section104
                ? Rnd.WeightedRandom([PriorResidence.Street, PriorResidence.FamilyOrFriends, PriorResidence.NightShelter,
                    PriorResidence.OtherShelter, PriorResidence.Hospital, PriorResidence.Psychiatry, PriorResidence.Prison,
                    PriorResidence.OwnHome, PriorResidence.Unknown], [0.25f, 0.25f, 0.1f, 0.1f, 0.07f, 0.06f, 0.05f, 0.07f, 0.05f])
                : null,
            responsibleMunicipalityId: person.MunicipalityId,
            exceptionDecidedBy: section110 && youth ? "demo:leder" : null,
            youthPolicyId: _youthPolicyOf.TryGetValue(facility.MunicipalityId, out var policyId) ? policyId : null);
        // Most notifications are made in time, some late, a few not at all (yet).
        if (placement.NotificationDueDate?.ToLocalDate() is { } due && Rnd.Bool(0.9f))
        {
            var on = Rnd.Bool(0.85f) ? due.PlusDays(-Rnd.Int(0, 2)) : due.PlusDays(Rnd.Int(1, 6));
            if (on < stay.Start) on = stay.Start;
            if (on <= Today) placement.MarkNotified(on);
        }
        if (stay.End is { } end)
        {
            var reason = Rnd.WeightedRandom([DischargeReason.Planned, DischargeReason.SelfDischarged, DischargeReason.Expelled,
                DischargeReason.TransferredToOtherOffer, DischargeReason.Unknown], [0.45f, 0.3f, 0.05f, 0.15f, 0.05f]);
            var destination = Rnd.WeightedRandom([Destination.OwnHome, Destination.SkaevBolig, Destination.OtherShelter,
                Destination.FamilyOrFriends, Destination.Street, Destination.Unknown], [0.25f, 0.1f, 0.25f, 0.2f, 0.1f, 0.1f]);
            // Serviceloven §176 a: most discharges from §110 to a home come with a decision on bostøtte, mostly made in time.
            if (section110 && destination is Destination.OwnHome or Destination.SkaevBolig && Rnd.Bool(0.7f))
            {
                // Most bostøtte is decided before the discharge (§176 a); a decision after it is not recorded on the stay.
                var before = Rnd.Bool(0.8f);
                var days = before ? Rnd.Int(1, 20) : Rnd.Int(1, 30);
                if (before) placement.Discharge(end, reason, destination, FollowUpSupport.HousingSupport85a, end.PlusDays(-days));
                else placement.Discharge(end, reason, destination, FollowUpSupport.None);
            }
            else
                placement.Discharge(end, reason, destination, section110 ? FollowUpSupport.None : null);
        }
        return placement;
    }

    private Person? PickPerson(List<Person> persons, Facility facility, DateRange stay)
    {
        for (var attempt = 0; attempt < 25; attempt++)
        {
            var p = Rnd.ListItem(persons);
            var age = p.AgeOn(stay.Start);
            if (facility.GenderRestriction == GenderRestriction.WomenOnly && p.Gender != Gender.Female) continue;
            if (facility.GenderRestriction == GenderRestriction.MenOnly && p.Gender != Gender.Male) continue;
            if (facility.MinAge is { } min && age < min || facility.MaxAge is { } max && age > max) continue;
            // Never a minor at an adult place: the law (barnets lov) has no exception.
            if (MinorAtAdultPlaceRule.IsAdultPlace(facility.LegalBasis) && MinorAtAdultPlaceRule.IsMinor(p, stay.Start)) continue;
            // Young people are placed in §110 only as a recorded exception: keep it rare, as policy wants.
            if (facility.LegalBasis == LegalBasis.Section110 && age is >= 18 and <= 25 && !Rnd.Bool(0.1f)) continue;
            // Without a CPR number only at the shelters and night cafés.
            if (!p.HasCpr && facility.LegalBasis is not (LegalBasis.Section110 or LegalBasis.Section104)) continue;
            if (Busy(p.Id).Any(b => b.Overlaps(stay))) continue;
            return p;
        }
        return null;
    }

    private List<DateRange> Busy(int personId) =>
        _busy.TryGetValue(personId, out var list) ? list : _busy[personId] = [];

    private List<Entity> CapacityReports(List<Facility> facilities, List<Unit> units, List<Placement> placements)
    {
        var reports = new List<Entity>();
        foreach (var facility in facilities.Where(f => IsShortStay(f.Kind)))
        {
            var own = units.Where(u => u.FacilityId == facility.Id).ToList();
            var total = own.Sum(u => u.Beds);
            var sleeping = SleepingEachNight(placements.Where(p => p.FacilityId == facility.Id));
            for (var i = 0; i < sleeping.Length; i++)
            {
                var night = HistoryStart.PlusDays(i);
                if (Rnd.Bool(0.02f)) continue; // a night nobody reported: a data-quality note in the monthly report
                var inService = own.Where(u => u.InServiceOn(night)).Sum(u => u.Beds);
                var outOfService = total - inService;
                var occupied = Math.Min(sleeping[i], inService);
                if (Rnd.Bool(0.03f)) occupied = Math.Clamp(occupied + Rnd.Int(-1, 1), 0, inService); // a miscount
                var reportedAt = night.At(new LocalTime(23, Rnd.Int(0, 59))).InZoneLeniently(DanishTime.Zone).ToInstant();
                reports.Add(new CapacityReport(facility.Id, night, inService, occupied, outOfService, total, reportedAt,
                    $"nattevagt@{facility.Id}"));
            }
        }
        return reports;
    }

    /// <summary>
    /// How many of the stays hold each night of the history (index 0 the first night): one pass over the stays, not over the nights
    /// times the stays, so that ten years of nights cost no more per stay than six months.
    /// </summary>
    private int[] SleepingEachNight(IEnumerable<Placement> stays)
    {
        var sleeping = new int[HistoryDays];
        foreach (var stay in stays.Select(p => p.Stay))
        {
            var from = Math.Max(0, Period.Between(HistoryStart, stay.Start, PeriodUnits.Days).Days);
            var until = stay.End is { } end ? Math.Min(sleeping.Length, Period.Between(HistoryStart, end, PeriodUnits.Days).Days)
                : sleeping.Length;
            for (var i = from; i < until; i++) sleeping[i]++;
        }
        return sleeping;
    }

    private List<Entity> Turnaways(List<Facility> facilities, List<Person> persons)
    {
        var list = new List<Entity>();
        foreach (var facility in facilities.Where(f => f.LegalBasis == LegalBasis.Section110))
            for (var night = HistoryStart; night < Today; night = night.PlusDays(1))
                if (Rnd.Bool(0.08f))
                    list.Add(new Turnaway(facility.Id, night,
                        Rnd.WeightedRandom([TurnawayReason.Full, TurnawayReason.Intoxicated, TurnawayReason.Violence, TurnawayReason.Other],
                            [0.7f, 0.12f, 0.08f, 0.1f]),
                        Rnd.Bool(0.4f) ? null : Rnd.ListItem(persons).Id));
        return list;
    }

    private async Task GenerateWaitlistsAsync(IDemoDataStore store, Municipality municipality, List<Person> persons,
        List<(Unit Unit, Facility Facility)> units)
    {
        var waitlists = new List<Waitlist>
        {
            new(municipality.Id, $"Ungeboliger i {municipality.Name}", WaitlistKind.YouthHousing),
            new(municipality.Id, $"Skæve boliger i {municipality.Name}", WaitlistKind.SkaevBolig),
            new(municipality.Id, $"Housing First i {municipality.Name}", WaitlistKind.HousingFirst),
        };
        await store.SaveAsync(waitlists);

        var entries = new List<WaitlistEntry>();
        foreach (var waitlist in waitlists)
        {
            var eligible = persons.Where(p => p.HasCpr).Where(p => waitlist.Kind != WaitlistKind.YouthHousing
                || p.AgeOn(Today) is >= 18 and <= 24).ToList();
            foreach (var person in Rnd.ListItems(eligible, Math.Min(eligible.Count, Rnd.Int(15, 35) * HistoryYears)))
            {
                var status = Rnd.WeightedRandom([WaitlistEntryStatus.Waiting, WaitlistEntryStatus.Offered, WaitlistEntryStatus.Housed,
                    WaitlistEntryStatus.Withdrawn], [0.6f, 0.1f, 0.2f, 0.1f]);
                var appliedOn = Today.PlusDays(-Rnd.Int(1, Math.Max(500, HistoryDays)));
                // The list turns over: whoever joined more than two years ago has had a home offered, or left the list.
                if (appliedOn < Today.PlusYears(-2) && status is WaitlistEntryStatus.Waiting or WaitlistEntryStatus.Offered)
                    status = person.Id % 3 == 0 ? WaitlistEntryStatus.Withdrawn : WaitlistEntryStatus.Housed;
                // A closed entry left the list some weeks after it joined (the demo's stand-in for the day of the offer or withdrawal).
                var closedOn = status is WaitlistEntryStatus.Housed or WaitlistEntryStatus.Withdrawn
                    ? LocalDate.Min(appliedOn.PlusDays(45), Today.PlusDays(-1)) : (LocalDate?)null;
                var priority = Rnd.Bool(0.2f) ? Priority.Urgent : Priority.Normal;
                // Why an urgent entry goes first: picked by the person, not drawn, so that the rest of the demo stays as it was.
                var reason = priority == Priority.Urgent ? UrgentReasons[person.Id % UrgentReasons.Length] : null;
                entries.Add(new WaitlistEntry(waitlist.Id, person.Id, appliedOn, priority, status, closedOn, reason));
            }
        }
        await store.SaveAsync(entries);

        var kindOf = waitlists.ToDictionary(w => w.Id, w => w.Kind switch
        {
            WaitlistKind.YouthHousing => FacilityKind.YouthHousing,
            WaitlistKind.SkaevBolig => FacilityKind.SkaevBolig,
            _ => FacilityKind.HousingFirst,
        });
        var offers = new List<Entity>();
        var pendingUnits = new HashSet<int>();
        foreach (var entry in entries.Where(e => e.Status != WaitlistEntryStatus.Withdrawn))
        {
            var candidates = units.Where(u => u.Facility.Kind == kindOf[entry.WaitlistId] && !pendingUnits.Contains(u.Unit.Id)).ToList();
            if (candidates.Count == 0) continue;
            var unit = Rnd.ListItem(candidates).Unit;
            if (entry.Status == WaitlistEntryStatus.Offered)
            {
                var offeredOn = Today.PlusDays(-Rnd.Int(0, 4));
                offers.Add(new Offer(entry.Id, unit.Id, offeredOn, WorkingDays.Add(offeredOn, 5)));
                pendingUnits.Add(unit.Id);
            }
            else if (Rnd.Bool(0.5f))
            {
                var offeredOn = entry.AppliedOn.ToLocalDate().PlusDays(Rnd.Int(10, 90));
                if (offeredOn >= Today.PlusDays(-10)) continue;
                var offer = new Offer(entry.Id, unit.Id, offeredOn, WorkingDays.Add(offeredOn, 5));
                if (entry.Status == WaitlistEntryStatus.Housed) offer.Accept(offeredOn);
                else if (Rnd.Bool(0.6f)) offer.Decline("Boligen ligger for langt fra netværk og behandling.", offeredOn.PlusDays(2));
                else offer.Expire();
                offers.Add(offer);
            }
        }
        await store.SaveAsync(offers);
    }
}
