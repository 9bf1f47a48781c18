using System.Globalization;
using System.Text;

namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The figures as CSV in long form, one figure a row: section;item;measure;value. Semicolon-separated, UTF-8 with BOM,
/// so that Danish Excel opens it as it is; numbers use a decimal point; hidden small counts are "&lt;5".
/// </summary>
public static class ReportCsv
{
    public static string Render(MonthlyFigures f)
    {
        var csv = new StringBuilder();
        void Row(string section, string item, string measure, object? value)
        {
            var text = value switch
            {
                null => "",
                double d => d.ToString("0.####", CultureInfo.InvariantCulture),
                IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            csv.Append(Quote(section)).Append(';').Append(Quote(item)).Append(';').Append(Quote(measure)).Append(';').Append(Quote(text
                ?? "")).Append("\r\n");
        }
        csv.Append("section;item;measure;value\r\n");
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
        Row("notifications", "section110", "Due", f.Notifications.Due);
        Row("notifications", "section110", "OnTime", f.Notifications.OnTime);
        Row("notifications", "section110", "ShareOnTime", f.Notifications.ShareOnTime);
        foreach (var t in f.Trend) Row("trend", t.Month, t.Kind.ToString(), t.OccupancyRate);
        return csv.ToString();
    }

    private static string Quote(string s) => s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
