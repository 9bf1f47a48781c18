namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The one place that knows what the §110 file for Danmarks Statistik says: a code and a Danish label for every answer. DST asks
/// of every stay at a §110 boform its type (since 2021: 1 herberg or forsorgshjem, 2 natcafé — dropped on 1 July 2022 — and
/// 3 efterforsorg), where the person stayed before, and at discharge how the stay ended and where the person went (dst.dk,
/// statistikdokumentation "Herberger og forsorgshjem mv." and "Boformer", Statistisk behandling: "I forbindelse med udskrivning
/// spørges ind til, hvordan udskrivningen er foregået, samt hvor brugeren er udskrevet til"). The stay types' codes are DST's
/// own. DST's answer lists and codes for the other three questions, and the layout of its txt file, were not found published
/// (docs/dst.md says so): those codes are ours, one per value of the API's enums, 99 for "uoplyst", and the file names each
/// answer by its label beside its code.
/// </summary>
public static class DstCodes
{
    /// <summary>DST's opholdstype: 1 herberg or forsorgshjem efter § 110, 3 efterforsorg efter § 110 (2, natcafé, is no more).</summary>
    public static int Code(Section110StayType value) => value switch
    {
        Section110StayType.Shelter => 1,
        Section110StayType.AfterCare => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Label(Section110StayType value) => value switch
    {
        Section110StayType.Shelter => "Herberg eller forsorgshjem efter § 110",
        Section110StayType.AfterCare => "Efterforsorg efter § 110",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static int Code(PriorResidence? value) => value switch
    {
        PriorResidence.OwnHome => 1,
        PriorResidence.FamilyOrFriends => 2,
        PriorResidence.Street => 3,
        PriorResidence.NightShelter => 4,
        PriorResidence.OtherShelter => 5,
        PriorResidence.HotelOrHostel => 6,
        PriorResidence.TemporaryHousing => 7,
        PriorResidence.CareOrTreatment => 8,
        PriorResidence.Hospital => 9,
        PriorResidence.Psychiatry => 10,
        PriorResidence.Prison => 11,
        PriorResidence.Abroad => 12,
        PriorResidence.Other => 13,
        _ => Unknown,
    };

    public static string Label(PriorResidence? value) => value switch
    {
        PriorResidence.OwnHome => "Egen bolig",
        PriorResidence.FamilyOrFriends => "Hos familie eller venner",
        PriorResidence.Street => "Gaden",
        PriorResidence.NightShelter => "Natvarmestue eller natcafé",
        PriorResidence.OtherShelter => "Andet herberg eller forsorgshjem",
        PriorResidence.HotelOrHostel => "Hotel eller vandrehjem",
        PriorResidence.TemporaryHousing => "Udslusningsbolig eller midlertidig bolig",
        PriorResidence.CareOrTreatment => "Botilbud eller behandlingstilbud",
        PriorResidence.Hospital => "Hospital",
        PriorResidence.Psychiatry => "Psykiatrisk afdeling",
        PriorResidence.Prison => "Fængsel eller arresthus",
        PriorResidence.Abroad => "Udlandet",
        PriorResidence.Other => "Andet",
        _ => "Uoplyst",
    };

    public static int Code(DischargeReason? value) => value switch
    {
        DischargeReason.Planned => 1,
        DischargeReason.SelfDischarged => 2,
        DischargeReason.Expelled => 3,
        DischargeReason.TransferredToOtherOffer => 4,
        DischargeReason.Hospitalised => 5,
        DischargeReason.Imprisoned => 6,
        DischargeReason.Deceased => 7,
        _ => Unknown,
    };

    public static string Label(DischargeReason? value) => value switch
    {
        DischargeReason.Planned => "Planlagt udskrivning",
        DischargeReason.SelfDischarged => "Udskrevet på egen foranledning",
        DischargeReason.Expelled => "Bortvist",
        DischargeReason.TransferredToOtherOffer => "Overflyttet til andet tilbud",
        DischargeReason.Hospitalised => "Indlagt",
        DischargeReason.Imprisoned => "Fængslet",
        DischargeReason.Deceased => "Død",
        _ => "Uoplyst",
    };

    public static int Code(Destination? value) => value switch
    {
        Destination.OwnHome => 1,
        Destination.SkaevBolig => 2,
        Destination.HousingFirstHome => 3,
        Destination.SupportedHousing => 4,
        Destination.OtherShelter => 5,
        Destination.FamilyOrFriends => 6,
        Destination.Hospital => 7,
        Destination.Prison => 8,
        Destination.Street => 9,
        Destination.Abroad => 10,
        _ => Unknown,
    };

    public static string Label(Destination? value) => value switch
    {
        Destination.OwnHome => "Egen bolig",
        Destination.SkaevBolig => "Skæv bolig",
        Destination.HousingFirstHome => "Bolig med Housing First-bostøtte",
        Destination.SupportedHousing => "Botilbud",
        Destination.OtherShelter => "Andet herberg eller forsorgshjem",
        Destination.FamilyOrFriends => "Familie eller venner",
        Destination.Hospital => "Hospital",
        Destination.Prison => "Fængsel eller arresthus",
        Destination.Street => "Gaden",
        Destination.Abroad => "Udlandet",
        _ => "Uoplyst",
    };

    /// <summary>Not a DST answer (DST does not ask it): the label of the §176 a decision on the pages and in the report.</summary>
    public static string Label(FollowUpSupport? value) => value switch
    {
        FollowUpSupport.HousingSupport85a => "Bostøtte efter § 85 a",
        FollowUpSupport.Section107 => "Botilbud efter § 107",
        FollowUpSupport.None => "Ingen",
        _ => "",
    };

    /// <summary>The gender of someone without a CPR number (DST reads it from the CPR number otherwise): 1 man, 2 woman.</summary>
    public static int Code(Gender value) => value == Gender.Female ? 2 : 1;

    public const int Unknown = 99;
}
