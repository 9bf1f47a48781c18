using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// A §110 stay at a place outside this system that the municipality knows of from the place's notice: "Der skal gives
/// meddelelse om optagelsen senest 3 hverdage efter afgørelse om optagelse … til kommunalbestyrelsen i borgerens
/// handlekommune" (Serviceloven §110 stk. 6). Every §110 night counts in the person's counting year, wherever it was
/// (Domain/CountingYear.cs), so an officer records such a stay and its nights count as any stay's; it is marked as known by
/// notice, and it takes no bed here. The end is recorded when the place tells of the discharge.
/// </summary>
public sealed class NoticedStay : Entity
{
    private NoticedStay() { }

    public NoticedStay(int personId, int recordingMunicipalityId, string placeName, int placeMunicipalityCode, DateRange stay,
        LocalDate noticeReceivedOn, LocalDate today, string recordedBy)
    {
        PersonId = personId;
        RecordingMunicipalityId = recordingMunicipalityId;
        PlaceName = DomainRuleException.RequireText(placeName, nameof(PlaceName), 200, "Stedets navn");
        DomainRuleException.ThrowIf(placeMunicipalityCode is < 101 or > 999, "InvalidMunicipalityCode",
            "Kommunekoden skal være et tal fra 101 til 999.", "The municipality code must be a number from 101 to 999.",
            nameof(PlaceMunicipalityCode));
        PlaceMunicipalityCode = placeMunicipalityCode;
        DomainRuleException.ThrowIf(stay.Start > today, "StayInFuture",
            "Opholdet kan ikke begynde efter i dag: en underretning fortæller om en optagelse, der er sket.",
            "The stay cannot begin after today: a notice tells of an admission that has happened.", nameof(StartDate));
        DomainRuleException.ThrowIf(noticeReceivedOn < stay.Start || noticeReceivedOn > today, "InvalidNoticeDate",
            "Underretningen er modtaget efter optagelsen og senest i dag.",
            "The notice is received after the admission and no later than today.", nameof(NoticeReceivedOn));
        StartDate = stay.Start.ToDateOnly();
        EndDate = stay.End.ToDateOnly();
        NoticeReceivedOn = noticeReceivedOn.ToDateOnly();
        RecordedBy = recordedBy;
    }

    public int PersonId { get; private set; }
    /// <summary>The municipality that received the notice (the handlekommune) and recorded the stay: its officers see it.</summary>
    public int RecordingMunicipalityId { get; private set; }
    /// <summary>The §110 place, as the notice names it.</summary>
    public string PlaceName { get; private set; } = "";
    /// <summary>The code of the municipality that runs the place (it need not use this system).</summary>
    public int PlaceMunicipalityCode { get; private set; }
    /// <summary>The first night.</summary>
    public DateOnly StartDate { get; private set; }
    /// <summary>The morning the person left (exclusive, as a stay's); null while the place has not told of a discharge.</summary>
    public DateOnly? EndDate { get; private set; }
    public DateOnly NoticeReceivedOn { get; private set; }
    public string RecordedBy { get; private set; } = "";


    public DateRange Stay => new(StartDate.ToLocalDate(), EndDate.ToLocalDate());

    /// <summary>The place's notice of the discharge: the morning the person left.</summary>
    public void RecordEnd(LocalDate endDate, LocalDate today)
    {
        DomainRuleException.ThrowIf(endDate <= StartDate.ToLocalDate(), "EndBeforeStart",
            "Udskrivningen skal ligge efter den første nat.", "The discharge must come after the first night.", nameof(EndDate));
        DomainRuleException.ThrowIf(endDate > today.PlusDays(1), "EndInFuture",
            "Udskrivningen kan ikke ligge efter i morgen.", "The discharge cannot be after tomorrow.", nameof(EndDate));
        EndDate = endDate.ToDateOnly();
    }
}
