namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The Danish labels of the categories in the §110 registration file. Danmarks Statistik asks at check-in where the person
/// stayed before (since 2021) and at check-out how the stay ended and where the person went (dst.dk, statistikdokumentation
/// "Herberger og forsorgshjem mv."); its published answer lists were not found, so these labels are ours, one per value of
/// the API's enums, and the export's column list is documented in README.
/// </summary>
public static class DstCategories
{
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

    public static string Label(FollowUpSupport? value) => value switch
    {
        FollowUpSupport.HousingSupport85a => "Bostøtte efter § 85 a",
        FollowUpSupport.Section107 => "Botilbud efter § 107",
        FollowUpSupport.None => "Ingen",
        _ => "",
    };
}
