
namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The figures as CSV in long form, one figure a row: section;item;measure;value. Semicolon-separated, UTF-8 with BOM,
/// so that Danish Excel opens it as it is; numbers use a decimal point; hidden small counts are "&lt;5".
/// </summary>
public static class ReportCsv
{
    /// <summary>The file's name without extension, for the endpoint and the committee's page.</summary>
    public static string FileName(MonthlyFigures f) => $"belaegning-{f.MunicipalityCode}-{f.Month}";

    /// <summary>The CSV as sent: UTF-8 with a BOM, so that Excel reads the Danish letters (<see cref="CsvFile"/>).</summary>
    public static byte[] Bytes(MonthlyFigures f) => CsvFile.Write(["section", "item", "measure", "value"], csv => Rows(csv, f));

    /// <summary>The CSV as text, without the byte order mark.</summary>
    public static string Render(MonthlyFigures f) => System.Text.Encoding.UTF8.GetString(Bytes(f)).TrimStart('\uFEFF');

    private static void Rows(CsvHelper.CsvWriter csv, MonthlyFigures f)
    {
        void Row(string section, string item, string measure, object? value)
        {
            // Names (a facility's, a waitlist's) are text, escaped if they would run as a formula; figures are numbers.
            csv.WriteField(section);
            csv.WriteField(item);
            csv.WriteField(measure);
            switch (value)
            {
                case null: csv.WriteField(""); break;
                case double d: csv.WriteField(d, "0.####"); break;
                case int i: csv.WriteField(i, ""); break;
                case long l: csv.WriteField(l, ""); break;
                case decimal m: csv.WriteField(m, "0.####"); break;
                default: csv.WriteField(value.ToString()); break;
            }
            csv.EndRecord();
        }
        Row("report", f.MunicipalityName, "MunicipalityCode", f.MunicipalityCode);
        Row("report", f.Month, "Nights", f.Nights);
        Row("report", f.Month, "InProgress", f.InProgress ? "true" : "false");
        foreach (var r in f.Facilities)
        {
            Row("facility", r.Name, "Kind", r.Kind.ToString());
            Row("facility", r.Name, "Beds", r.Beds);
            Row("facility", r.Name, "BedsInService", r.BedsInService);
            Row("facility", r.Name, "CapacityBedNights", r.CapacityBedNights);
            Row("facility", r.Name, "OccupiedBedNights", r.OccupiedBedNights);
            Row("facility", r.Name, "OccupancyRate", r.OccupancyRate);
            Row("facility", r.Name, "OutOfServiceBedNights", r.OutOfServiceBedNights);
            Row("facility", r.Name, "ReportedNights", r.ReportedNights);
            Row("facility", r.Name, "MissingReportNights", r.MissingReportNights);
            Row("facility", r.Name, "ReportedCapacityBedNights", r.ReportedCapacityBedNights);
            Row("facility", r.Name, "ReportedOccupiedBedNights", r.ReportedOccupiedBedNights);
            Row("facility", r.Name, "ReportedOccupancyRate", r.ReportedOccupancyRate);
            Row("facility", r.Name, "DisagreeingNights", r.DisagreeingNights);
        }
        foreach (var k in f.Kinds)
        {
            var kind = k.Kind.ToString();
            Row("kind", kind, "Facilities", k.Facilities);
            Row("kind", kind, "Beds", k.Beds);
            Row("kind", kind, "CapacityBedNights", k.Occupancy.CapacityBedNights);
            Row("kind", kind, "OccupiedBedNights", k.Occupancy.OccupiedBedNights);
            Row("kind", kind, "OccupancyRate", k.Occupancy.OccupancyRate);
            Row("kind", kind, "ReportedOccupancyRate", k.Occupancy.ReportedOccupancyRate);
            Row("kind", kind, "PreviousMonthRate", k.PreviousMonthRate);
            Row("kind", kind, "ChangeInPercentagePoints", k.ChangeInPercentagePoints);
        }
        Row("total", "all", "CapacityBedNights", f.Total.CapacityBedNights);
        Row("total", "all", "OccupiedBedNights", f.Total.OccupiedBedNights);
        Row("total", "all", "OccupancyRate", f.Total.OccupancyRate);
        Row("flow", "all", "Admissions", f.Flow.Admissions);
        Row("flow", "all", "Discharges", f.Flow.Discharges);
        Row("flow", "all", "DistinctPersons", f.Flow.DistinctPersons);
        Row("flow", "all", "CompletedStays", f.Flow.CompletedStays);
        Row("flow", "all", "MeanNightsOfCompletedStays", f.Flow.MeanNightsOfCompletedStays);
        Row("flow", "all", "MedianNightsOfCompletedStays", f.Flow.MedianNightsOfCompletedStays);
        Row("flow", "all", "PersonsPastSection110Threshold", f.Flow.PersonsPastSection110Threshold);
        Row("flow", "all", "Turnaways", f.Flow.Turnaways);
        foreach (var c in f.Flow.DischargesByReason) Row("discharge-reason", c.Name, "Discharges", c.Count);
        foreach (var c in f.Flow.DischargesByDestination) Row("discharge-destination", c.Name, "Discharges", c.Count);
        foreach (var c in f.Flow.TurnawaysByReason) Row("turnaway-reason", c.Name, "Turnaways", c.Count);
        Row("youth", $"{f.Youth.MinAge}-{f.Youth.MaxAge}", "AdmittedToSection110", f.Youth.AdmittedToSection110);
        Row("youth", $"{f.Youth.MinAge}-{f.Youth.MaxAge}", "RecordedExceptions", f.Youth.RecordedExceptions);
        foreach (var c in f.HousingFirst.ActiveBySupportMethod) Row("housing-first", c.Name, "Active", c.Count);
        Row("housing-first", "all", "Started", f.HousingFirst.Started);
        Row("housing-first", "all", "Ended", f.HousingFirst.Ended);
        foreach (var r in new[] { f.HousingFirst.SixMonths, f.HousingFirst.TwelveMonths })
        {
            Row("housing-first", $"retention-{r.Months}m", "Cohort", r.Cohort);
            Row("housing-first", $"retention-{r.Months}m", "StillHoused", r.StillHoused);
            Row("housing-first", $"retention-{r.Months}m", "Share", r.Share);
        }
        foreach (var w in f.Waitlists)
        {
            Row("waitlist", w.Name, "EntriesAtMonthEnd", w.EntriesAtMonthEnd);
            Row("waitlist", w.Name, "NewEntries", w.NewEntries);
            Row("waitlist", w.Name, "OffersMade", w.OffersMade);
            Row("waitlist", w.Name, "Accepted", w.Accepted);
            Row("waitlist", w.Name, "Declined", w.Declined);
            Row("waitlist", w.Name, "Expired", w.Expired);
            Row("waitlist", w.Name, "MedianDaysWaitedByHoused", w.MedianDaysWaitedByHoused);
        }
        var s110 = f.Section110;
        Row("section110", "all", "Admissions", s110.Admissions);
        foreach (var c in s110.AdmissionsByHandlekommune) Row("section110-handlekommune", c.Name, "Admissions", c.Count);
        Row("section110", "all", "AdmissionsWithoutCpr", s110.AdmissionsWithoutCpr);
        Row("section110", "all", "PersonsWithoutCpr", s110.PersonsWithoutCpr);
        Row("section110", "counting-year", "PersonsAtWarning", s110.PersonsAtWarning);
        Row("section110", "counting-year", "PersonsPastThreshold", s110.PersonsPastThreshold);
        Row("section110", "counting-year", "NightsPastThreshold", s110.NightsPastThreshold);
        Row("section110", "all", "Discharges", s110.Discharges);
        foreach (var c in s110.DischargesByFollowUpSupport) Row("section110-follow-up", c.Name, "Discharges", c.Count);
        Row("section110", "follow-up", "DecidedBeforeDischarge", s110.FollowUpDecidedBeforeDischarge);
        Row("section110", "all", "Readmissions12Months", s110.Readmissions12Months);
        Row("section110", "all", "DischargesToStreetOrUnknown", s110.DischargesToStreetOrUnknown);
        foreach (var c in s110.AdmissionsByPriorResidence) Row("section110-prior-residence", c.Name, "Admissions", c.Count);
        Row("section110", "all", "AdmissionsFromHospitalPsychiatryOrPrison", s110.AdmissionsFromHospitalPsychiatryOrPrison);
        Row("section110", "turnaway", "AdmissionsAfterTurnaway", s110.AdmissionsAfterTurnaway);
        Row("section110", "turnaway", "MedianDaysFromFirstTurnaway", s110.MedianDaysFromFirstTurnaway);
        foreach (var r in new[] { s110.HousingKeptSixMonths, s110.HousingKeptTwelveMonths })
        {
            Row("housing-kept", $"{r.Months}m", "Cohort", r.Cohort);
            Row("housing-kept", $"{r.Months}m", "StillHoused", r.StillHoused);
            Row("housing-kept", $"{r.Months}m", "Share", r.Share);
        }
        Row("youth-housing", "all", "NewEntries", f.YouthHousing.NewEntries);
        Row("youth-housing", "all", "Waiting", f.YouthHousing.Waiting);
        Row("youth-housing", "all", "MedianDaysToAcceptedOffer", f.YouthHousing.MedianDaysToAcceptedOffer);
        Row("youth-housing", "all", "YoungTurnedAway", f.YouthHousing.YoungTurnedAway);
        Row("notifications", "section110", "Due", f.Notifications.Due);
        Row("notifications", "section110", "OnTime", f.Notifications.OnTime);
        Row("notifications", "section110", "ShareOnTime", f.Notifications.ShareOnTime);
        foreach (var t in f.Trend) Row("trend", t.Month, t.Kind.ToString(), t.OccupancyRate);
    }
}
