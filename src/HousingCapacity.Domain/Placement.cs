using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A stay or tenancy: a person in a unit from StartDate (the first night) to EndDate (exclusive: the last
/// night is EndDate − 1), EndDate null while ongoing. Created and ended through the allocation workflow.
/// </summary>
public sealed class Placement : Entity
{
    private Placement() { }

    public Placement(int personId, int unitId, int facilityId, LegalBasis legalBasis, DateRange stay, SupportMethod supportMethod,
        string? exceptionJustification, ReferralRoute? referralRoute, LocalDate? notificationDueDate, LocalDate? supportUntil = null,
        PriorResidence? priorResidence = null, int? responsibleMunicipalityId = null, string? exceptionDecidedBy = null,
        int? youthPolicyId = null, Section110StayType? stayType = null, string? admittedBy = null, string? referredBy = null)
    {
        // A municipality's referral to a §110 place it does not run awaits the place's admission (§110 stk. 4): the referral's
        // reason is kept as such, and a youth exception is the place's to decide when it admits.
        var referral = referredBy is not null && legalBasis == LegalBasis.Section110;
        ReferredBy = referral ? referredBy : null;
        AdmittedBy = referral ? null : admittedBy;
        if (referral)
        {
            ReferralReason = string.IsNullOrWhiteSpace(exceptionJustification) ? null : exceptionJustification.Trim();
            exceptionJustification = null;
            exceptionDecidedBy = null;
        }
        // Every §110 stay has a type (a herberg or forsorgshjem stay unless said otherwise); no other stay has one.
        StayType = legalBasis == LegalBasis.Section110 ? stayType ?? Section110StayType.Shelter : null;
        YouthPolicyId = exceptionDecidedBy is null ? null : youthPolicyId;
        SupportUntil = supportUntil.ToDateOnly();
        LegalBasis = legalBasis;
        PriorResidence = priorResidence;
        ResponsibleMunicipalityId = responsibleMunicipalityId;
        ExceptionDecidedBy = exceptionDecidedBy;
        PersonId = personId;
        UnitId = unitId;
        FacilityId = facilityId;
        StartDate = stay.Start.ToDateOnly();
        EndDate = stay.End.ToDateOnly();
        SupportMethod = supportMethod;
        ExceptionJustification = string.IsNullOrWhiteSpace(exceptionJustification) ? null : exceptionJustification.Trim();
        ReferralRoute = referralRoute;
        NotificationDueDate = notificationDueDate.ToDateOnly();
    }

    public int PersonId { get; private set; }
    public int UnitId { get; private set; }
    public int FacilityId { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public SupportMethod SupportMethod { get; private set; }
    /// <summary>The written justification for an exception to a placement rule (e.g. a young person in §110).</summary>
    public string? ExceptionJustification { get; private set; }
    /// <summary>Who recorded the justification: the token's user. At a §110 place the admission is the leader's decision
    /// (Serviceloven §110 stk. 4), so this is the leader or someone acting for them.</summary>
    public string? ExceptionDecidedBy { get; private set; }
    /// <summary>The municipality's youth policy the exception was decided under (<see cref="YouthPolicy"/>); null for an exception
    /// under the configured default, and for every exception recorded before policies were the municipalities' own.</summary>
    public int? YouthPolicyId { get; private set; }
    /// <summary>The legal basis of the place when the stay began: every §110 rule of the stay reads this.</summary>
    public LegalBasis LegalBasis { get; private set; }
    /// <summary>
    /// The handlekommune of the stay (retssikkerhedsloven §§ 9–9 b): it receives the §110 stk. 6 notice and its officers see the
    /// stay. Set at admission to the person's municipality; an officer may change it with a reason; null while unknown.
    /// </summary>
    public int? ResponsibleMunicipalityId { get; private set; }
    /// <summary>Why the handlekommune was changed from the one set at admission.</summary>
    public string? ResponsibleMunicipalityReason { get; private set; }
    /// <summary>Who admitted the person: the place's decision at a §110 place (staff, or the officers of the municipality that
    /// runs it). Null for a referral still awaiting the place's admission, and for stays recorded before this was kept.</summary>
    public string? AdmittedBy { get; private set; }
    /// <summary>The officer of another municipality who referred the person to this §110 place (the municipality's referral).</summary>
    public string? ReferredBy { get; private set; }
    /// <summary>The referring officer's reason (for a young person, their case for an exception; the place decides it).</summary>
    public string? ReferralReason { get; private set; }
    /// <summary>Who ended the stay, and in which capacity (a §110 stay: the place's decision, or the municipality's under
    /// stk. 5).</summary>
    public string? DischargeDecidedBy { get; private set; }
    public DecisionCapacity? DischargeCapacity { get; private set; }

    /// <summary>True for a referral the place has not yet admitted.</summary>
    public bool AwaitsAdmission => ReferredBy is not null && AdmittedBy is null;

    /// <summary>Only a referral the place has not decided on can be admitted or refused.</summary>
    public void EnsureAwaitsAdmission() => DomainRuleException.ThrowIf(!AwaitsAdmission, "NotAwaitingAdmission",
        "Opholdet afventer ikke stedets afgørelse: kun en henvisning, stedet ikke har optaget, kan optages eller afslås; et " +
        "ophold i gang afsluttes med en udskrivning.",
        "The stay is not awaiting the place's decision: only a referral the place has not admitted can be admitted or refused; a " +
        "stay under way ends with a discharge.", "Id");

    /// <summary>
    /// The place admits a person the municipality referred (Serviceloven §110 stk. 4: the leader's decision). A young person's
    /// exception to the municipality's youth policy is decided here, by the place, with its own justification
    /// (<paramref name="exceptionJustification"/>, null when the rule does not apply).
    /// </summary>
    public void Admit(string admittedBy, string? exceptionJustification, int? youthPolicyId)
    {
        EnsureAwaitsAdmission();
        AdmittedBy = admittedBy;
        if (exceptionJustification is null) return;
        ExceptionJustification = exceptionJustification.Trim();
        ExceptionDecidedBy = admittedBy;
        YouthPolicyId = youthPolicyId;
    }

    /// <summary>The §110 stay's type as Danmarks Statistik asks it (herberg or forsorgshjem, or efterforsorg); null at any other
    /// place.</summary>
    public Section110StayType? StayType { get; private set; }
    /// <summary>How the person came (Danmarks Statistik's question until 2020; kept for existing clients).</summary>
    public ReferralRoute? ReferralRoute { get; private set; }
    /// <summary>Where the person stayed just before (Danmarks Statistik's question since 2021).</summary>
    public PriorResidence? PriorResidence { get; private set; }
    public DischargeReason? DischargeReason { get; private set; }
    public Destination? Destination { get; private set; }
    /// <summary>The decision on support after the stay (Serviceloven §176 a), recorded at discharge.</summary>
    public FollowUpSupport? FollowUpSupport { get; private set; }
    /// <summary>When that decision was made.</summary>
    public DateOnly? FollowUpDecidedOn { get; private set; }
    /// <summary>True when the decision was made on or before the discharge date (§176 a refunds only such decisions).</summary>
    public bool? FollowUpDecidedBeforeDischarge { get; private set; }
    /// <summary>Serviceloven §110 stk. 6: notify the responsible municipality within 3 weekdays of admission.</summary>
    public DateOnly? NotificationDueDate { get; private set; }

    /// <summary>When time-limited support ends: CTI runs 9 months from the start unless renewed. Null for open-ended support.</summary>
    public DateOnly? SupportUntil { get; private set; }
    /// <summary>When the responsible municipality was notified (Serviceloven §110 stk. 6).</summary>
    public DateOnly? NotifiedOn { get; private set; }


    public Person? Person { get; private set; }
    public Unit? Unit { get; private set; }
    public Facility? Facility { get; private set; }

    public DateRange Stay => new(StartDate.ToLocalDate(), EndDate.ToLocalDate());

    /// <summary>Changes the handlekommune (null: unknown), with the reason: the notice and the officers' scope follow it.</summary>
    public void ChangeResponsibleMunicipality(int? municipalityId, string reason)
    {
        ResponsibleMunicipalityReason = DomainRuleException.RequireText(reason, "reason", 500, "Begrundelsen");
        ResponsibleMunicipalityId = municipalityId;
    }

    public void MarkNotified(LocalDate on)
    {
        DomainRuleException.ThrowIf(NotificationDueDate is null, "NoNotificationDue",
            "Dette ophold kræver ingen underretning.", "This stay requires no notification.", nameof(NotifiedOn));
        DomainRuleException.ThrowIf(on < StartDate.ToLocalDate(), "NotifiedBeforeAdmission",
            "Underretningen kan ikke ligge før indskrivningen.", "The notification cannot be before the admission.", nameof(NotifiedOn));
        NotifiedOn = on.ToDateOnly();
    }

    /// <summary>
    /// Extends CTI past its 9 months, with the reason (Socialstyrelsen: CTI is 9 months in three phases; longer intensive
    /// support should be ICM or ACT, see <see cref="ChangeSupportMethod"/>). The extension is a new support period.
    /// </summary>
    public SupportPeriod ExtendSupport(LocalDate until, string reason, string recordedBy)
    {
        DomainRuleException.ThrowIf(SupportMethod != SupportMethod.CTI, "OnlyCtiIsExtended",
            "Kun CTI er tidsbegrænset og kan forlænges; ICM og ACT har ingen fast slutdato.",
            "Only CTI is time-limited and can be extended; ICM and ACT have no fixed end.", "until");
        var from = SupportUntil?.ToLocalDate() ?? StartDate.ToLocalDate();
        DomainRuleException.ThrowIf(until <= from, "ExtensionNotAfterEnd",
            "Forlængelsen skal slutte efter den nuværende slutdato for bostøtten.",
                "The extension must end after the support's current end.",
            "until");
        var period = new SupportPeriod(this, SupportMethod.CTI, from, until, reason, recordedBy);
        SupportUntil = until.ToDateOnly();
        SupportPeriods.Add(period);
        return period;
    }

    /// <summary>Moves the support to another method from a date (e.g. from CTI to ICM or ACT), with the reason: a new period.</summary>
    public SupportPeriod ChangeSupportMethod(SupportMethod method, LocalDate from, string reason, string recordedBy, int ctiMonths)
    {
        DomainRuleException.ThrowIf(!Enum.IsDefined(method) || method == SupportMethod.None, "InvalidSupportMethod",
            "Angiv den nye støttemetode (CTI, ICM eller ACT).", "Give the new support method (CTI, ICM or ACT).", "method");
        DomainRuleException.ThrowIf(method == SupportMethod, "SameSupportMethod", "Opholdet har allerede denne støttemetode.",
            "The placement already has this support method.", "method");
        DomainRuleException.ThrowIf(SupportMethod == SupportMethod.None, "NoSupport",
            "Opholdet har ingen bostøtte at ændre.", "The placement has no support to change.", "method");
        DomainRuleException.ThrowIf(from < StartDate.ToLocalDate() || EndDate is { } end && from >= end.ToLocalDate(), "OutsideStay",
            "Skiftet skal ligge inden for opholdet.", "The change must fall within the stay.", "from");
        var period = new SupportPeriod(this, method, from, method == SupportMethod.CTI ? from.PlusMonths(ctiMonths) : null, reason,
            recordedBy);
        SupportMethod = method;
        SupportUntil = period.EndDate;
        SupportPeriods.Add(period);
        return period;
    }

    public List<SupportPeriod> SupportPeriods { get; private set; } = [];

    /// <summary>The §85 a decision made after a §107 stay that followed this §110 stay's discharge (§176 a stk. 1 nr. 2).</summary>
    public DateOnly? HousingSupportAfter107DecidedOn { get; private set; }

    /// <summary>
    /// Serviceloven §176 a stk. 1 nr. 2: the person went from this §110 stay straight to a §107 botilbud, and when that stay ended
    /// the municipality decided §85 a bostøtte in their own home. Refunded up to 2 years from the §110 discharge (stk. 3), so the
    /// decision lies after the discharge, within those 2 years, and not after today.
    /// </summary>
    public void RecordHousingSupportAfterSection107(LocalDate decidedOn, LocalDate today)
    {
        DomainRuleException.ThrowIf(EndDate is null || FollowUpSupport != Domain.FollowUpSupport.Section107, "NotAfterSection107",
            "Kun et afsluttet § 110-ophold, hvor der blev truffet afgørelse om § 107-botilbud ved udskrivningen, kan få denne " +
            "afgørelse.",
            "Only an ended §110 stay with a §107 decision at discharge can take this decision.", "decidedOn");
        DomainRuleException.ThrowIf(decidedOn <= EndDate!.Value.ToLocalDate(), "DecidedBeforeSection107Stay",
            "Afgørelsen om bostøtte efter § 107-opholdet ligger efter udskrivningen fra § 110-tilbuddet.",
            "The decision on support after the §107 stay comes after the discharge from the §110 place.", "decidedOn");
        DomainRuleException.ThrowIf(decidedOn > today, "FollowUpDecidedInFuture",
            "Afgørelsen kan ikke have en dato efter i dag: registrér den, når den er truffet.",
            "The decision cannot be dated after today: record it once it is made.", "decidedOn");
        DomainRuleException.ThrowIf(decidedOn >= EndDate.Value.ToLocalDate().PlusYears(2), "OutsideRefusionPeriod",
            "Refusionen løber højst 2 år fra udskrivningen fra § 110-tilbuddet (§ 176 a, stk. 3); afgørelsen ligger efter.",
            "Refusion runs at most 2 years from the discharge from the §110 place (§176 a stk. 3); the decision is later.", "decidedOn");
        HousingSupportAfter107DecidedOn = decidedOn.ToDateOnly();
    }

    /// <summary>
    /// Ends the stay on <paramref name="endDate"/> (the morning the person leaves). A decision on support after the stay is the
    /// one Serviceloven §176 a refunds: "truffet afgørelse … inden borgerens udskrivning" (stk. 1 nr. 1 and stk. 2), so its date
    /// is on or before the discharge and, being a decision already made, not after <paramref name="today"/>. A decision made
    /// after the discharge is not a §176 a decision; §85 a support decided after a §107 stay that followed the discharge is its
    /// own route (stk. 1 nr. 2, <see cref="RecordHousingSupportAfterSection107"/>).
    /// </summary>
    public void Discharge(LocalDate endDate, DischargeReason reason, Destination destination,
        FollowUpSupport? followUp = null, LocalDate? followUpDecidedOn = null, LocalDate? today = null,
        Discharger? by = null)
    {
        DomainRuleException.ThrowIf(DischargeReason is not null, "AlreadyDischarged",
            "Opholdet er allerede afsluttet.", "The stay has already ended.", nameof(EndDate));
        // A stay given an end when it began (a bed among extra beds ends with them) is discharged on or before that end.
        if (EndDate is { } planned)
            DomainRuleException.ThrowIf(endDate > planned.ToLocalDate(), "AfterPlannedEnd",
                $"Opholdet slutter allerede {DanishTime.Text(planned)}: udskrivningen kan ikke ligge senere.",
                $"The stay already ends on {planned:yyyy-MM-dd}: the discharge cannot be later.", nameof(EndDate));
        DomainRuleException.ThrowIf(AwaitsAdmission, "NotAdmitted",
            "Stedet har ikke optaget personen endnu: en henvisning, stedet ikke tager imod, afslås (eller annulleres), den " +
            "udskrives ikke.",
            "The place has not admitted the person yet: a referral the place does not take is refused (or cancelled), not discharged.",
            nameof(EndDate));
        // Serviceloven §110 stk. 4–5: discharge is the place's decision; the municipality may end the stay itself only when a plan
        // (§§ 141–142), a home or a §107/§108 place, the support and a signed lease the person can move into are in place.
        DomainRuleException.ThrowIf(
            LegalBasis == LegalBasis.Section110 && by is { Capacity: DecisionCapacity.Municipality, Section110Stk5: false },
            "Section110DischargeIsThePlaces",
            "Udskrivning fra et herberg eller forsorgshjem er stedets afgørelse (servicelovens § 110, stk. 4). Kommunen kan kun selv " +
            "afslutte opholdet, når betingelserne i § 110, stk. 5, er opfyldt: en handleplan efter §§ 141–142, en anvist bolig " +
            "eller en afgørelse om § 107 eller § 108, afgjort støtte, og en underskrevet lejekontrakt på en bolig, personen kan " +
            "flytte ind i. Bekræft betingelserne, eller bed stedet udskrive.",
            "Discharge from a §110 place is the place's decision (Serviceloven §110 stk. 4). The municipality may end the stay itself " +
            "only on the conditions of stk. 5: a plan (§§ 141–142), an allocated home or a §107/§108 decision, support decided, " +
            "and a " +
            "signed lease of a home the person can move into. Confirm the conditions (section110Stk5), or ask the place to discharge.",
            "section110Stk5");
        DomainRuleException.ThrowIf(!Enum.IsDefined(reason), "InvalidDischargeReason", "Ukendt udskrivningsårsag.",
            "Unknown discharge reason.",
            "dischargeReason");
        DomainRuleException.ThrowIf(!Enum.IsDefined(destination), "InvalidDestination", "Ukendt destination.", "Unknown destination.",
            "destination");
        var ended = new DateRange(StartDate.ToLocalDate(), endDate);
        DomainRuleException.ThrowIf(followUpDecidedOn is not null && followUp is null or Domain.FollowUpSupport.None,
            "FollowUpDateWithoutDecision",
            "En dato for afgørelsen om efterfølgende støtte kræver, at afgørelsen også er angivet.",
            "A date of the follow-up decision needs a decision (followUpSupport).", "followUpDecidedOn");
        DomainRuleException.ThrowIf(followUp is Domain.FollowUpSupport.HousingSupport85a or Domain.FollowUpSupport.Section107
            && followUpDecidedOn is null, "FollowUpDateRequired",
                "Angiv datoen for afgørelsen om efterfølgende støtte.",
            "Give the date of the follow-up decision (followUpDecidedOn).", "followUpDecidedOn");
        DomainRuleException.ThrowIf(followUpDecidedOn is { } decided && decided > endDate, "FollowUpDecidedAfterDischarge",
            "Afgørelsen om efterfølgende støtte skal være truffet senest på udskrivningsdagen (servicelovens § 176 a: " +
            "\"inden borgerens udskrivning\"). En afgørelse truffet efter udskrivningen registreres ikke her; bostøtte efter et " +
            "§ 107-ophold registreres særskilt.",
            "The follow-up decision must be made on or before the discharge day (Serviceloven §176 a: before the discharge). A decision " +
            "made after the discharge is not recorded here; §85 a support after a §107 stay is recorded separately.",
            "followUpDecidedOn");
        DomainRuleException.ThrowIf(followUpDecidedOn is { } made && today is { } now && made > now, "FollowUpDecidedInFuture",
            "Afgørelsen om efterfølgende støtte kan ikke have en dato efter i dag: registrér den, når den er truffet.",
            "The follow-up decision cannot be dated after today: record it once it is made.", "followUpDecidedOn");
        EndDate = ended.End.ToDateOnly();
        DischargeDecidedBy = by?.User;
        DischargeCapacity = by?.Capacity;
        DischargeReason = reason;
        Destination = destination;
        FollowUpSupport = followUp;
        FollowUpDecidedOn = followUpDecidedOn.ToDateOnly();
        FollowUpDecidedBeforeDischarge = followUpDecidedOn is { } on ? on <= endDate : followUp is null ? null : false;
    }
}
