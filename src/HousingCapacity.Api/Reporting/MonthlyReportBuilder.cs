using HousingCapacity.Api.Features.YouthPolicies;
using System.Text.RegularExpressions;
using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// Computes <see cref="MonthlyFigures"/> from the database. Definitions (also in the PDF's methodology appendix):
/// a night is the date it begins on; a stay [StartDate, EndDate) holds the nights StartDate … EndDate − 1; capacity is
/// the beds of the units in service each night (a unit out of service counts from OutOfServiceSince); occupancy rate = occupied bed-nights
/// / capacity
/// bed-nights; an admission is a stay starting in the month, a discharge a stay whose EndDate falls in the month.
/// </summary>
public sealed partial class MonthlyReportBuilder(HousingDbContext db, IClock clock, IOptions<PlacementPolicy> policyOptions)
{
    private static readonly FacilityKind[] ReportingKinds =
        [FacilityKind.Section110Shelter, FacilityKind.EmergencyBeds, FacilityKind.AkutBolig, FacilityKind.Section107];

    private PlacementPolicy Policy => policyOptions.Value;

    private sealed record Stay(int Id, int PersonId, int FacilityId, int UnitId, LocalDate Start, LocalDate? End, SupportMethod Support,
        string? Justification, DischargeReason? Reason, Destination? Destination, LocalDate? NotificationDue, LocalDate? NotifiedOn,
        LegalBasis Basis, int? Handlekommune, PriorResidence? Prior, ReferralRoute? Referral, FollowUpSupport? FollowUp,
        bool? FollowUpInTime, bool WithoutCpr)
    {
        public bool IsSection110 => Basis == LegalBasis.Section110;

        public bool HoldsNight(LocalDate night) => night >= Start && (End is null || night < End);

        public int NightsWithin(LocalDate first, LocalDate last)
        {
            var from = Start > first ? Start : first;
            var to = End is { } e && e <= last ? e.PlusDays(-1) : last;
            return to < from ? 0 : Period.Between(from, to, PeriodUnits.Days).Days + 1;
        }
    }

    /// <summary>
    /// The month's figures: from <see cref="MonthlyFiguresCache"/> when the month has ended and was computed before (and nothing
    /// that can change it has been saved since), else computed now.
    /// </summary>
    public async Task<MonthlyFigures?> BuildAsync(int municipalityCode, YearMonth month, CancellationToken ct)
    {
        var cache = db.Shared.Reports;
        var closed = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)) < DanishTime.Today(clock);
        if (closed && cache.TryGet(municipalityCode, month, out var cached))
        {
            Host.Telemetry.ReportCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return cached;
        }
        Host.Telemetry.ReportCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        var generation = cache.Generation;
        var figures = await ComputeAsync(municipalityCode, month, ct);
        if (closed && figures is not null) cache.Store(municipalityCode, month, figures, generation);
        return figures;
    }

    /// <summary>The month's PDF, rendered once for figures that are cached.</summary>
    public byte[] PdfOf(MonthlyFigures figures) => db.Shared.Reports.PdfOf(figures);

    private async Task<MonthlyFigures?> ComputeAsync(int municipalityCode, YearMonth month, CancellationToken ct)
    {
        var municipality = await db.Unscoped<Municipality>().AsNoTracking().SingleOrDefaultAsync(m => m.Code == municipalityCode, ct);
        if (municipality is null) return null;
        var today = DanishTime.Today(clock);
        var first = month.OnDayOfMonth(1);
        var monthEnd = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        if (first > today)
            throw Refusal.Invalid("MonthInFuture", $"{month:yyyy-MM} er ikke begyndt endnu.", $"{month:yyyy-MM} has not begun yet.",
                "month").AsException();
        var inProgress = monthEnd >= today;
        var last = inProgress ? today : monthEnd;
        var nights = Period.Between(first, last, PeriodUnits.Days).Days + 1;

        var facilities = await db.Unscoped<Facility>().AsNoTracking().Where(f => f.MunicipalityId == municipality.Id).OrderBy(f => f.Kind)
            .ThenBy(f => f.Name).ToListAsync(ct);
        var facilityIds = facilities.Select(f => f.Id).ToList();
        var policies = await YouthRules.AllAsync(db, Policy, ct);
        YouthRuleInForce youthRule(LocalDate on) => policies(municipality.Id, on);
        // The regular capacity; extra beds opened for a period are reported apart (ExtraBedFiguresOf).
        var allUnits = await db.Unscoped<Unit>().AsNoTracking().Where(u => facilityIds.Contains(u.FacilityId)).ToListAsync(ct);
        var units = allUnits.Where(u => !u.IsExtra).ToList();
        var extraUnits = allUnits.Where(u => u.IsExtra).ToList();
        var extraUnitIds = extraUnits.Select(u => u.Id).ToHashSet();
        var trendFirst = first.PlusMonths(-12);
        var (firstDate, lastDate, trendFirstDate) = (first.ToDateOnly(), last.ToDateOnly(), trendFirst.ToDateOnly());
        // The stays with a night in the thirteen months of the trend, and every stay with support (Housing First's retention
        // follows each course from its start, however long ago): two index reads (StayDates), never the years before.
        var atPlaces = db.Unscoped<Placement>().AsNoTracking().Where(p => facilityIds.Contains(p.FacilityId));
        var inTrend = await StaysOf(atPlaces.Overlapping(new DateRange(trendFirst, last.PlusDays(1)))).ToListAsync(ct);
        var supported = await StaysOf(atPlaces.Where(p => p.SupportMethod != SupportMethod.None)).ToListAsync(ct);
        var stays = inTrend.UnionBy(supported, s => s.Id).OrderBy(s => s.Id).ToList();
        // The trend's months in which each place reported (one row per place and month, not one per night).
        var reportMonths = await db.Unscoped<CapacityReport>().AsNoTracking()
            .Where(r => facilityIds.Contains(r.FacilityId) && r.Date >= trendFirstDate && r.Date <= lastDate)
            .GroupBy(r => new { r.FacilityId, r.Date.Year, r.Date.Month }).Select(g => g.Key).ToListAsync(ct);
        var reports = await db.Unscoped<CapacityReport>().AsNoTracking()
            .Where(r => facilityIds.Contains(r.FacilityId) && r.Date >= firstDate && r.Date <= lastDate).ToListAsync(ct);
        var turnaways = await db.Unscoped<Turnaway>().AsNoTracking()
            .Where(t => facilityIds.Contains(t.FacilityId) && t.Date >= firstDate && t.Date <= lastDate).ToListAsync(ct);
        var kindOf = facilities.ToDictionary(f => f.Id, f => f.Kind);
        var reportedMonths = reportMonths.Select(r => (kindOf[r.FacilityId], r.Year, r.Month)).ToHashSet();
        var history = await Section110HistoryAsync(facilityIds, first, last, ct);
        var countingYears = CountingYearFigures(stays, history, first, last);
        var personIds = stays.Where(s => s.Start >= first && s.Start <= last || s.NightsWithin(first,
            last) > 0).Select(s => s.PersonId).Distinct().ToList();
        var persons = await db.Unscoped<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.BirthDate, p.FirstName, p.LastName }).ToDictionaryAsync(p => p.Id, ct);

        // Occupancy per facility, night by night.
        var notes = new List<DataQualityNote>();
        var rows = new List<FacilityOccupancy>();
        foreach (var f in facilities)
        {
            var own = units.Where(u => u.FacilityId == f.Id).ToList();
            var beds = own.Sum(u => u.Beds);
            var inService = own.Where(u => u.Status == UnitStatus.InService).Sum(u => u.Beds);
            // Every stay counts against the place's own count (which covers extra beds too); the occupancy is the regular beds'.
            var allFacilityStays = stays.Where(s => s.FacilityId == f.Id && s.NightsWithin(first, last) > 0).ToList();
            var facilityStays = allFacilityStays.Where(s => !extraUnitIds.Contains(s.UnitId)).ToList();
            long occupied = 0, capacity = 0;
            var disagreeing = new List<LocalDate>();
            var ownReports = reports.Where(r => r.FacilityId == f.Id).ToDictionary(r => r.Date);
            var missing = new List<LocalDate>();
            for (var night = first; night <= last; night = night.PlusDays(1))
            {
                var count = allFacilityStays.Count(s => s.HoldsNight(night));
                occupied += facilityStays.Count(s => s.HoldsNight(night));
                capacity += own.Where(u => u.InServiceOn(night)).Sum(u => u.Beds);
                if (ownReports.TryGetValue(night.ToDateOnly(), out var report))
                {
                    if (report.BedsOccupied != count) disagreeing.Add(night);
                }
                else if (ReportingKinds.Contains(f.Kind) && night < today) missing.Add(night);
            }
            var reportedCapacity = ownReports.Values.Sum(r => (long)r.BedsInService);
            var reportedOccupied = ownReports.Values.Sum(r => (long)r.BedsOccupied);
            rows.Add(new FacilityOccupancy(f.Id, f.Name, f.Kind, beds, inService, capacity, occupied, Rate(occupied, capacity),
                (long)beds * nights - capacity, ownReports.Count, missing.Count, reportedCapacity, reportedOccupied,
                ownReports.Values.Sum(r => (long)r.BedsOutOfService), Rate(reportedOccupied, reportedCapacity), disagreeing.Count));
            if (missing.Count > 0)
                notes.Add(new DataQualityNote(f.Name,
                    $"Mangler kapacitetsindberetning for {Features.Shared.Words.NightCount(missing.Count)}: {Dates(missing)}.",
                    $"No capacity report for {missing.Count} night(s): {Dates(missing)}."));
            if (disagreeing.Count > 0)
                notes.Add(new DataQualityNote(f.Name,
                    $"Indberettet belægning afviger fra de registrerede ophold " +
                    $"{Features.Shared.Words.NightCount(disagreeing.Count)}: " +
                    $"{Dates(disagreeing)}.",
                    $"Reported occupancy differs from the recorded stays on {disagreeing.Count} night(s): {Dates(disagreeing)}."));
        }

        var trend = new List<TrendPoint>();
        var byKind = facilities.Select(f => f.Kind).Distinct().Order().Select(kind =>
        {
            var ids = facilities.Where(f => f.Kind == kind).Select(f => f.Id).ToHashSet();
            return (Kind: kind, Units: units.Where(u => ids.Contains(u.FacilityId)).ToList(),
                Stays: stays.Where(s => ids.Contains(s.FacilityId) && !extraUnitIds.Contains(s.UnitId)).ToList());
        }).ToList();
        // Thirteen months: the month itself, the eleven before it and the same month a year before (the summary compares with it).
        for (var m = 12; m >= 0; m--)
        {
            var ym = month.PlusMonths(-m);
            var mFirst = ym.OnDayOfMonth(1);
            var mLast = Min(ym.OnDayOfMonth(ym.Calendar.GetDaysInMonth(ym.Year, ym.Month)), today);
            foreach (var (kind, kindUnits, kindStays) in byKind)
            {
                long capacity = 0;
                for (var night = mFirst; night <= mLast; night = night.PlusDays(1))
                    foreach (var unit in kindUnits)
                        if (unit.InServiceOn(night)) capacity += unit.Beds;
                var occupied = kindStays.Sum(s => (long)s.NightsWithin(mFirst, mLast));
                // A month with no stay and no capacity report at these places is a gap (the places were not yet in use, or
                // nothing was recorded), not 0 %.
                var recorded = occupied > 0 || reportedMonths.Contains((kind, ym.Year, ym.Month));
                trend.Add(new TrendPoint($"{ym.Year:0000}-{ym.Month:00}", kind, recorded ? Rate(occupied, capacity) : null));
            }
        }

        var kinds = rows.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g =>
        {
            var occupancy = Sum(g);
            var previous = trend.SingleOrDefault(t => t.Kind == g.Key && t.Month == Key(month.PlusMonths(-1)))?.OccupancyRate;
            var lastYear = trend.SingleOrDefault(t => t.Kind == g.Key && t.Month == Key(month.PlusMonths(-12)))?.OccupancyRate;
            return new KindOccupancy(g.Key, g.Count(), g.Sum(r => r.Beds), occupancy, previous,
                occupancy.OccupancyRate is { } now && previous is { } before ? Math.Round((now - before) * 100, 1) : null, lastYear);
        }).ToList();

        var waitlists = await WaitlistsAsync(municipality.Id, first, last, ct);
        return new MonthlyFigures
        {
            MunicipalityCode = municipality.Code,
            MunicipalityName = municipality.Name,
            Month = Key(month),
            FirstNight = first,
            LastNight = last,
            Nights = nights,
            InProgress = inProgress,
            GeneratedAt = clock.GetCurrentInstant(),
            CorrectedOn = inProgress ? null : await ClosedMonthCorrections.OfAsync(db, municipality.Id, month, ct),
            Facilities = rows,
            Kinds = kinds,
            Total = Sum(rows),
            Flow = FlowFigures(stays, turnaways, countingYears.PastThreshold, first, last),
            Youth = YouthFigures(stays, kindOf, persons.ToDictionary(p => p.Key, p => (p.Value.BirthDate.ToLocalDate(), p.Value.FirstName,
                p.Value.LastName)), first, last, youthRule),
            Section110 = await Section110Async(facilityIds, stays, history, countingYears, first, last, ct),
            YouthHousing = await YouthHousingAsync(waitlists, facilityIds, first, last, youthRule(last), ct),
            HousingFirst = HousingFirst(stays, kindOf, first, last, await SupportAtMonthEndAsync(stays, kindOf, first, last, ct)),
            Waitlists = WaitlistFiguresOf(waitlists, first, last),
            Notifications = NotificationFigures(stays, kindOf, first, last, today),
            Transitions = await TransitionFiguresAsync(municipality.Id, first, last, ct),
            ExtraBeds = ExtraBedFiguresOf(facilities, extraUnits, stays, first, last),
            Trend = trend,
            DataQuality = notes,
        };
    }

    /// <summary>The figures' view of each stay.</summary>
    private static IQueryable<Stay> StaysOf(IQueryable<Placement> placements) =>
        placements.Select(p => new Stay(p.Id, p.PersonId, p.FacilityId, p.UnitId, p.StartDate.ToLocalDate(), p.EndDate.ToLocalDate(),
            p.SupportMethod, p.ExceptionJustification, p.DischargeReason, p.Destination, p.NotificationDueDate.ToLocalDate(),
            p.NotifiedOn.ToLocalDate(), p.LegalBasis, p.ResponsibleMunicipalityId, p.PriorResidence, p.ReferralRoute, p.FollowUpSupport,
            p.FollowUpDecidedBeforeDischarge, p.Person!.Cpr == null));

    /// <summary>The extra beds open in the month, per place: the nights they were open, their bed-nights, and those slept in.</summary>
    private static ExtraBedFigures ExtraBedFiguresOf(List<Facility> facilities, List<Unit> extraUnits, List<Stay> stays, LocalDate first,
        LocalDate last)
    {
        var places = new List<ExtraBedsAtFacility>();
        var nightsOpen = new HashSet<LocalDate>();
        foreach (var f in facilities)
        {
            var own = extraUnits.Where(u => u.FacilityId == f.Id).ToList();
            if (own.Count == 0) continue;
            var ids = own.Select(u => u.Id).ToHashSet();
            var inThem = stays.Where(s => ids.Contains(s.UnitId)).ToList();
            long capacity = 0, occupied = 0;
            var nights = 0;
            for (var night = first; night <= last; night = night.PlusDays(1))
            {
                var beds = own.Where(u => u.InServiceOn(night)).Sum(u => u.Beds);
                if (beds == 0) continue;
                nights++;
                nightsOpen.Add(night);
                capacity += beds;
                occupied += inThem.Count(s => s.HoldsNight(night));
            }
            if (nights > 0) places.Add(new ExtraBedsAtFacility(f.Id, f.Name, f.Kind, nights, capacity, occupied, Rate(occupied, capacity)));
        }
        var (totalCapacity, totalOccupied) = (places.Sum(p => p.CapacityBedNights), places.Sum(p => p.OccupiedBedNights));
        return new ExtraBedFigures(places, nightsOpen.Count, totalCapacity, totalOccupied, Rate(totalOccupied, totalCapacity));
    }

    /// <summary>The transitions whose night fell in the month, and each one's outcome as it stood on <paramref name="last"/>.</summary>
    private async Task<TransitionFigures> TransitionFiguresAsync(int municipalityId, LocalDate first, LocalDate last,
        CancellationToken ct)
    {
        var (from, to, today) = (first.ToDateOnly(), last.ToDateOnly(), DanishTime.Today(clock).ToDateOnly());
        var month = await db.Unscoped<Transition>().AsNoTracking().Where(t => t.MunicipalityId == municipalityId
            && t.LosesRoofOn >= from && t.LosesRoofOn <= to).ToListAsync(ct);
        string Outcome(Transition t)
        {
            var closedBy = t.ClosedOn is { } closed && closed <= to ? t.Status : TransitionStatus.Open;
            return closedBy switch
            {
                TransitionStatus.PlaceSecured => t.ClosedOn <= t.LosesRoofOn ? "SecuredInTime" : "SecuredLate",
                TransitionStatus.DeclinedByPerson => "Declined",
                // Open at the end of the period: the street or unknown once its night has passed, else still ahead (tonight's too).
                _ => t.LosesRoofOn < today ? "StreetOrUnknown" : "StillAhead",
            };
        }
        var notice = month.Select(t => t.DaysOfNotice).Order().ToList();
        return new TransitionFigures(PersonCount.Of(month.Count),
            Group(month.Select(t => t.Kind.ToString()), Enum.GetNames<TransitionKind>(), month.Count),
            Group(month.Select(Outcome), TransitionFigures.OutcomeNames, month.Count),
            month.Count >= 5 ? Median(notice) : null);
    }

    private static string Key(YearMonth m) => $"{m.Year:0000}-{m.Month:00}";
    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;
    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static string Dates(List<LocalDate> dates) =>
        string.Join(", ", dates.Take(10).Select(d => d.ToString("d/M", null))) + (dates.Count > 10 ? " …" : "");

    private static Occupancy Sum(IEnumerable<FacilityOccupancy> rows)
    {
        var list = rows.ToList();
        long capacity = list.Sum(r => r.CapacityBedNights), occupied = list.Sum(r => r.OccupiedBedNights);
        long reportedCapacity = list.Sum(r => r.ReportedCapacityBedNights), reportedOccupied = list.Sum(r => r.ReportedOccupiedBedNights);
        return new Occupancy(capacity, occupied, Rate(occupied, capacity), list.Sum(r => r.OutOfServiceBedNights),
            reportedCapacity, reportedOccupied, Rate(reportedOccupied, reportedCapacity));
    }

    private static Flow FlowFigures(List<Stay> stays, List<Turnaway> turnaways, int pastThreshold, LocalDate first, LocalDate last)
    {
        var admissions = stays.Where(s => s.Start >= first && s.Start <= last).ToList();
        // A discharge counts in the month its EndDate (the morning the person leaves) falls in.
        var discharges = stays.Where(s => s.End is { } e && e >= first && e <= last).ToList();
        var distinct = stays.Where(s => s.NightsWithin(first, last) > 0).Select(s => s.PersonId).Distinct().Count();
        var lengths = discharges.Select(s => Period.Between(s.Start, s.End!.Value, PeriodUnits.Days).Days).Order().ToList();
        var byReason = Group(discharges.Select(s => (s.Reason ?? DischargeReason.Unknown).ToString()), Enum.GetNames<DischargeReason>(),
            discharges.Count);
        var byDestination = Group(discharges.Select(s => (s.Destination ?? Destination.Unknown).ToString()), Enum.GetNames<Destination>(),
            discharges.Count);
        var turnawaysByReason = Group(turnaways.Select(t => t.Reason.ToString()), Enum.GetNames<TurnawayReason>(), turnaways.Count);
        var enoughStays = lengths.Count >= 5;
        return new Flow(PersonCount.Of(admissions.Count), PersonCount.Of(discharges.Count), PersonCount.Of(distinct), byReason,
            byDestination,
            PersonCount.Of(lengths.Count),
            enoughStays ? Math.Round(lengths.Average(), 1) : null,
            enoughStays ? Median(lengths) : null,
            PersonCount.Of(pastThreshold),
            PersonCount.Of(turnaways.Count), turnawaysByReason);
    }

    /// <summary>
    /// Every §110 stay (anywhere) of these persons since the counting year began to apply: a counting year's start depends on the
    /// whole chain of years before it (Domain/CountingYear.cs).
    /// </summary>
    private async Task<Dictionary<int, List<DateRange>>> Section110HistoryAsync(List<int> facilityIds, LocalDate first, LocalDate last,
        CancellationToken ct)
    {
        var (from, lastDate) = (Policy.CountingYearFrom, last.ToDateOnly());
        // The persons with a §110 stay at the municipality's places in the month, as a subquery: the database walks the
        // person index rather than receiving thousands of ids.
        var persons = db.Unscoped<Placement>().Where(p => facilityIds.Contains(p.FacilityId) && p.LegalBasis == LegalBasis.Section110)
            .Overlapping(new DateRange(first, last.PlusDays(1))).Select(p => p.PersonId);
        var all = await db.Unscoped<Placement>().AsNoTracking()
            .Where(p => persons.Contains(p.PersonId) && p.LegalBasis == LegalBasis.Section110 && p.StartDate <= lastDate
                        && (p.EndDate == null || p.EndDate > from))
            .Select(p => new { p.PersonId, p.StartDate, p.EndDate }).ToListAsync(ct);
        // Their §110 nights at places outside this system, known from notices, count too.
        var noticed = await Features.NoticedStays.Section110Nights.NoticedAsync(db, persons, from, lastDate.AddDays(1), ct);
        return all.GroupBy(p => p.PersonId).ToDictionary(g => g.Key,
            g => g.Select(p => new DateRange(p.StartDate, p.EndDate)).Concat(noticed[g.Key]).ToList());
    }

    /// <summary>
    /// Persons with a §110 night at the municipality's places in the month: those whose counting year reached an early warning
    /// (but not the threshold) by their last such night, those with a night past the threshold in force on it, and those nights.
    /// </summary>
    private (int AtWarning, int PastThreshold, int NightsPast) CountingYearFigures(List<Stay> stays,
        Dictionary<int, List<DateRange>> history, LocalDate first, LocalDate last)
    {
        var rules = Policy.CountingYearRules();
        int warning = 0, past = 0, nightsPast = 0;
        foreach (var person in stays.Where(s => s.IsSection110 && s.NightsWithin(first, last) > 0).Select(s => s.PersonId).Distinct())
        {
            if (!history.TryGetValue(person, out var own)) continue;
            var years = CountingYear.Of(own, last, rules, resetAfter: first).Where(y => y.Start <= last).ToList();
            var pastNights = years.Sum(y => y.NightsPastThreshold(rules, first, last));
            nightsPast += pastNights;
            if (pastNights > 0) { past++; continue; }
            var lastNight = years.SelectMany(y => y.Nights).Where(n => n >= first && n <= last).DefaultIfEmpty().Max();
            var year = years.LastOrDefault(y => y.Contains(lastNight));
            if (year?.StatusOn(rules, lastNight).WarningLevel is not null) warning++;
        }
        return (warning, past, nightsPast);
    }

    private static readonly Destination[] OwnHousing = [Destination.OwnHome, Destination.SkaevBolig, Destination.HousingFirstHome];

    private async Task<Section110Figures> Section110Async(List<int> facilityIds, List<Stay> stays,
        Dictionary<int, List<DateRange>> history, (int AtWarning, int PastThreshold, int NightsPast) countingYears, LocalDate first,
        LocalDate last, CancellationToken ct)
    {
        var own = stays.Where(s => s.IsSection110).ToList();
        var admissions = own.Where(s => s.Start >= first && s.Start <= last).ToList();
        var discharges = own.Where(s => s.End is { } e && e >= first && e <= last).ToList();
        var names = await db.Unscoped<Municipality>().AsNoTracking().ToDictionaryAsync(m => m.Id, m => $"{m.Code} {m.Name}", ct);
        var handlekommuner = admissions.Select(s => s.Handlekommune is { } h ? names.GetValueOrDefault(h, "Ukendt") : "Ukendt").ToList();
        var (warning, past, nightsPast) = countingYears;

        // Readmission: an admission in the month of someone discharged from a §110 place (anywhere) in the 12 months before.
        var readmissions = admissions.Count(a => history.TryGetValue(a.PersonId, out var h)
            && h.Any(d => d.End is { } e && e <= a.Start && e > a.Start.PlusMonths(-12)));
        // Before 2021 the referral route said it; a stay without a prior residence is read by its referral route.
        var fromInstitutions = admissions.Count(a =>
            a.Prior is PriorResidence.Hospital or PriorResidence.Psychiatry or PriorResidence.Prison
            || a.Prior is null && a.Referral is ReferralRoute.Hospital or ReferralRoute.Psychiatry or ReferralRoute.Prison);

        // Waiting: from the person's first turnaway at the municipality's §110 places in the 90 days before the admission.
        var (turnawayFrom, lastDate) = (first.PlusDays(-90).ToDateOnly(), last.ToDateOnly());
        var named = await db.Unscoped<Turnaway>().AsNoTracking()
            .Where(t => facilityIds.Contains(t.FacilityId) && t.PersonId != null && t.Date >= turnawayFrom && t.Date <= lastDate)
            .Select(t => new { PersonId = t.PersonId!.Value, t.Date }).ToListAsync(ct);
        var turnedAway = named.ToLookup(t => t.PersonId);
        var waits = admissions.Select(a => turnedAway[a.PersonId].Where(t => t.Date.ToLocalDate() <= a.Start
                && t.Date.ToLocalDate() >= a.Start.PlusDays(-90)).Select(t => t.Date.ToLocalDate()).DefaultIfEmpty().Min() is var t0
                && t0 != default ? (int?)Period.Between(t0, a.Start, PeriodUnits.Days).Days : null)
            .OfType<int>().Order().ToList();

        return new Section110Figures(
            PersonCount.Of(admissions.Count),
            Group(handlekommuner, handlekommuner.Distinct().Order(StringComparer.Ordinal), admissions.Count),
            PersonCount.Of(admissions.Count(s => s.WithoutCpr)),
            PersonCount.Of(own.Where(s => s.WithoutCpr && s.NightsWithin(first, last) > 0).Select(s => s.PersonId).Distinct().Count()),
            PersonCount.Of(warning), PersonCount.Of(past), PersonCount.Of(nightsPast),
            PersonCount.Of(discharges.Count),
            Group(discharges.Select(s => (s.FollowUp ?? FollowUpSupport.None).ToString()), Enum.GetNames<FollowUpSupport>(),
                discharges.Count),
            PersonCount.Of(discharges.Count(s => s.FollowUpInTime == true && s.FollowUp is not (null or FollowUpSupport.None))),
            PersonCount.Of(readmissions),
            PersonCount.Of(discharges.Count(s => s.Destination is null or Destination.Street or Destination.Unknown)),
            Group(admissions.Select(s => (s.Prior ?? PriorResidence.Unknown).ToString()), Enum.GetNames<PriorResidence>(),
                admissions.Count),
            PersonCount.Of(fromInstitutions),
            PersonCount.Of(waits.Count),
            waits.Count >= 5 ? Median(waits) : null,
            await HousingKeptAsync(facilityIds, last, 6, ct),
            await HousingKeptAsync(facilityIds, last, 12, ct));
    }

    /// <summary>
    /// Of the discharges to own housing (own home, skæv bolig, Housing First home) from any of the municipality's places in the
    /// 12 months that ended N months before the report's last night: the share with no §110 admission (anywhere) within N months.
    /// </summary>
    private async Task<Retention> HousingKeptAsync(List<int> facilityIds, LocalDate last, int months, CancellationToken ct)
    {
        var windowEnd = last.PlusDays(1).PlusMonths(-months);
        var (from, to) = (windowEnd.PlusMonths(-12).ToDateOnly(), windowEnd.ToDateOnly());
        var discharged = db.Unscoped<Placement>()
            .Where(p => facilityIds.Contains(p.FacilityId) && p.Destination != null && OwnHousing.Contains(p.Destination.Value))
            .EndedWithin(from, to);
        var cohort = await discharged.AsNoTracking().Select(p => new { p.PersonId, End = p.EndDate!.Value }).ToListAsync(ct);
        var persons = discharged.Select(p => p.PersonId);
        var returns = await db.Unscoped<Placement>().AsNoTracking()
            .Where(p => persons.Contains(p.PersonId) && p.LegalBasis == LegalBasis.Section110 && p.StartDate >= from)
            .Select(p => new { p.PersonId, p.StartDate }).ToListAsync(ct);
        var returned = returns.ToLookup(r => r.PersonId);
        var kept = cohort.Count(c => !returned[c.PersonId].Any(r => r.StartDate >= c.End
            && r.StartDate < c.End.ToLocalDate().PlusMonths(months).ToDateOnly()));
        return new Retention(months, PersonCount.Of(cohort.Count), PersonCount.Of(kept),
            cohort.Count >= 5 ? Math.Round((double)kept / cohort.Count, 4) : null);
    }

    private async Task<YouthHousingDemand> YouthHousingAsync(List<WaitlistHistory.WaitlistDays> waitlists, List<int> facilityIds,
        LocalDate first, LocalDate last, YouthRuleInForce youth, CancellationToken ct)
    {
        var (firstDate, lastDate) = (first.ToDateOnly(), last.ToDateOnly());
        var entries = waitlists.Where(w => w.Kind == WaitlistKind.YouthHousing).SelectMany(w => w.Entries)
            .Where(e => e.AppliedOn <= lastDate).ToList();
        var waits = entries.SelectMany(e => e.Offers.Where(o => o.Status == OfferStatus.Accepted && WaitlistHistory.AnsweredWithin(o,
                first, last)).Select(o => Period.Between(e.AppliedOn.ToLocalDate(), o.OfferedOn.ToLocalDate(), PeriodUnits.Days).Days))
            .Order().ToList();
        var turnedAway = await db.Unscoped<Turnaway>().AsNoTracking()
            .Where(t => facilityIds.Contains(t.FacilityId) && t.PersonId != null && t.Date >= firstDate && t.Date <= lastDate)
            .Join(db.Unscoped<Person>(), t => t.PersonId, p => p.Id, (t, p) => new { t.Date, p.BirthDate }).ToListAsync(ct);
        return new YouthHousingDemand(
            PersonCount.Of(entries.Count(e => e.AppliedOn >= firstDate)),
            PersonCount.Of(entries.Count(e => WaitlistHistory.WaitingAtEndOf(e, last))),
            waits.Count >= 5 ? Median(waits) : null,
            PersonCount.Of(turnedAway.Count(t => youth.InBand(DanishTime.AgeOn(t.BirthDate.ToLocalDate(), t.Date.ToLocalDate())))));
    }

    private Youth YouthFigures(List<Stay> stays, Dictionary<int, FacilityKind> kindOf,
        Dictionary<int, (LocalDate BirthDate, string FirstName, string LastName)> persons, LocalDate first, LocalDate last,
        Func<LocalDate, YouthRuleInForce> youthRule)
    {
        // Each stay by the municipality's band in force on its first night; the figures are titled by the one at the month's end.
        var young = stays.Where(s => s.Start >= first && s.Start <= last && Policy.CoversYouthRule(s.Basis)
                                     && persons.TryGetValue(s.PersonId, out var p)
                                     && youthRule(s.Start).InBand(DanishTime.AgeOn(p.BirthDate, s.Start))).ToList();
        var atEnd = youthRule(last);
        var exceptions = young.Where(s => !string.IsNullOrWhiteSpace(s.Justification)).ToList();
        var count = PersonCount.Of(exceptions.Count);
        var names = persons.Values.SelectMany(p => new[] { p.FirstName, p.LastName }).Where(n => n.Length >= 2).Distinct().ToList();
        return new Youth(atEnd.MinAge, atEnd.MaxAge, PersonCount.Of(young.Count), count,
            count.Suppressed ? [] : exceptions.Select(s => Redact(s.Justification!,
                names)).Distinct().Order(StringComparer.Ordinal).ToList(),
            count.Suppressed, atEnd.Applies, atEnd.CitationDa);
    }

    /// <summary>Justification texts are shown without CPR-like numbers or the names of placed persons.</summary>
    public static string Redact(string text, IEnumerable<string> names)
    {
        var result = Privacy.Remove(text, "[CPR fjernet]");
        foreach (var name in names)
            result = Regex.Replace(result, $@"\b{Regex.Escape(name)}\b", "[navn fjernet]", RegexOptions.IgnoreCase);
        return result;
    }

    /// <summary>
    /// The support method of each Housing First stay active in the month as it was on the stay's last night in the month (its
    /// support periods, Serviceloven § 85 a), so that a change of method today does not change a closed month.
    /// </summary>
    private async Task<Dictionary<int, SupportMethod>> SupportAtMonthEndAsync(List<Stay> stays, Dictionary<int, FacilityKind> kindOf,
        LocalDate first, LocalDate last, CancellationToken ct)
    {
        var active = stays.Where(s => kindOf[s.FacilityId] == FacilityKind.HousingFirst && s.NightsWithin(first, last) > 0)
            .ToDictionary(s => s.Id);
        var ids = active.Keys.ToList();
        var periods = await db.Unscoped<SupportPeriod>().AsNoTracking().Where(p => ids.Contains(p.PlacementId))
            .Select(p => new { p.PlacementId, p.StartDate, p.Id, p.Method }).ToListAsync(ct);
        var methods = new Dictionary<int, SupportMethod>();
        foreach (var stay in active.Values)
        {
            var lastNight = stay.End is { } end && end <= last ? end.PlusDays(-1) : last;
            var period = periods.Where(p => p.PlacementId == stay.Id && p.StartDate.ToLocalDate() <= lastNight)
                .OrderBy(p => p.StartDate).ThenBy(p => p.Id).LastOrDefault();
            methods[stay.Id] = period?.Method ?? stay.Support;
        }
        return methods;
    }

    private static HousingFirstFigures HousingFirst(List<Stay> stays, Dictionary<int, FacilityKind> kindOf, LocalDate first, LocalDate last,
        Dictionary<int, SupportMethod> supportAtMonthEnd)
    {
        var hf = stays.Where(s => kindOf[s.FacilityId] == FacilityKind.HousingFirst).ToList();
        var active = hf.Where(s => s.NightsWithin(first, last) > 0).ToList();
        var byMethod = Group(active.Select(s => supportAtMonthEnd[s.Id].ToString()), ["CTI", "ICM", "ACT", "None"], active.Count);
        Retention Retained(int months)
        {
            // Old enough: N months after the start is no later than the morning after the month's last counted night.
            var cohort = hf.Where(s => s.Start.PlusMonths(months) <= last.PlusDays(1)).ToList();
            var still = cohort.Count(s => s.End is null || s.End >= s.Start.PlusMonths(months));
            return new Retention(months, PersonCount.Of(cohort.Count), PersonCount.Of(still),
                cohort.Count >= 5 ? Math.Round((double)still / cohort.Count, 4) : null);
        }
        return new HousingFirstFigures(byMethod,
            PersonCount.Of(hf.Count(s => s.Start >= first && s.Start <= last)),
            PersonCount.Of(hf.Count(s => s.End is { } e && e >= first && e <= last)),
            Retained(6), Retained(12));
    }

    /// <summary>
    /// The municipality's waitlists with the days of their entries and offers, read once for the waitlists' and the youth housing
    /// figures. Only the entries the month's figures can count (WaitlistHistory): on the list at some time in the month, or with
    /// an offer made or answered in it, so that the years of closed entries are not read. The offers are asked for themselves,
    /// not inferred from the entry's days: history brought in may date an entry's leaving before its last answer.
    /// </summary>
    private Task<List<WaitlistHistory.WaitlistDays>> WaitlistsAsync(int municipalityId, LocalDate first, LocalDate last,
        CancellationToken ct)
    {
        var (firstDate, lastDate) = (first.ToDateOnly(), last.ToDateOnly());
        return db.Unscoped<Waitlist>().AsNoTracking().Where(w => w.MunicipalityId == municipalityId).OrderBy(w => w.Id)
            .Select(w => new WaitlistHistory.WaitlistDays(w.Name, w.Kind, w.Entries
                .Where(e => e.AppliedOn <= lastDate && (e.ClosedOn == null || e.ClosedOn >= firstDate || e.AppliedOn >= firstDate)
                            || e.Offers.Any(o => o.OfferedOn >= firstDate && o.OfferedOn <= lastDate
                                || (o.AnsweredOn ?? o.OfferedOn) >= firstDate && (o.AnsweredOn ?? o.OfferedOn) <= lastDate))
                .Select(e => new WaitlistHistory.EntryDays(e.AppliedOn,
                e.Status, e.ClosedOn, e.Offers.Select(o => new WaitlistHistory.AnswerDays(o.OfferedOn, o.AnsweredOn, o.Status))
                    .ToList())).ToList()))
            .AsSplitQuery().ToListAsync(ct);
    }

    /// <summary>Each waitlist as it stood at the month's end: who was waiting then, the offers made in the month, and the answers
    /// given in it (so that an offer accepted today does not change a closed month).</summary>
    private static List<WaitlistFigures> WaitlistFiguresOf(List<WaitlistHistory.WaitlistDays> waitlists, LocalDate first,
        LocalDate last) =>
        waitlists.Select(w =>
        {
            var entries = w.Entries;
            var offers = entries.SelectMany(e => e.Offers.Select(o => (Entry: e, Offer: o))).ToList();
            var made = offers.Count(x => x.Offer.OfferedOn.ToLocalDate() >= first && x.Offer.OfferedOn.ToLocalDate() <= last);
            var answered = offers.Where(x => WaitlistHistory.AnsweredWithin(x.Offer, first, last)).ToList();
            var housed = answered.Where(x => x.Offer.Status == OfferStatus.Accepted)
                .Select(x => Period.Between(x.Entry.AppliedOn.ToLocalDate(), x.Offer.OfferedOn.ToLocalDate(),
                    PeriodUnits.Days).Days).Order().ToList();
            return new WaitlistFigures(w.Name, w.Kind,
                PersonCount.Of(entries.Count(e => WaitlistHistory.WaitingAtEndOf(e, last))),
                PersonCount.Of(entries.Count(e => e.AppliedOn.ToLocalDate() >= first && e.AppliedOn.ToLocalDate() <= last)),
                PersonCount.Of(made),
                PersonCount.Of(answered.Count(x => x.Offer.Status == OfferStatus.Accepted)),
                PersonCount.Of(answered.Count(x => x.Offer.Status == OfferStatus.Declined)),
                PersonCount.Of(answered.Count(x => x.Offer.Status == OfferStatus.Expired)),
                housed.Count >= 5 ? Median(housed) : null);
        }).ToList();

    private static Notifications NotificationFigures(List<Stay> stays, Dictionary<int, FacilityKind> kindOf, LocalDate first,
        LocalDate last, LocalDate today)
    {
        // Admissions in the month whose deadline has passed (or was met already).
        var due = stays.Where(s => s.IsSection110 && s.Start >= first && s.Start <= last && s.NotificationDue is { } d && (d < today
            || s.NotifiedOn is not null)).ToList();
        var onTime = due.Count(s => s.NotifiedOn is { } n && n <= s.NotificationDue);
        return new Notifications(PersonCount.Of(due.Count), PersonCount.Of(onTime), due.Count >= 5 ? Math.Round((double)onTime / due.Count,
            4) : null);
    }

    private static double Median(List<int> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;

    /// <summary>Counts per category; 1–4 hidden, and one more cell hidden when only one is, so the total cannot give it away.</summary>
    public static List<NamedCount> Group(IEnumerable<string> values, IEnumerable<string> categories, int total)
    {
        var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var cells = categories.Select(c => new NamedCount(c, PersonCount.Of(counts.GetValueOrDefault(c)))).ToList();
        // The total minus the visible cells must not pin a hidden cell down: hide more until at least 5 are unaccounted for.
        while (cells.Any(c => c.Count.Suppressed) && !PersonCount.Of(total).Suppressed
               && total - cells.Where(c => !c.Count.Suppressed).Sum(c => c.Count.Value) < 5)
        {
            var next = cells.Where(c => !c.Count.Suppressed && c.Count.Value > 0).OrderBy(c => c.Count.Value).FirstOrDefault();
            if (next is null) break;
            cells[cells.IndexOf(next)] = next with { Count = new PersonCount(next.Count.Value, true) };
        }
        return cells;
    }
}
