using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.Reporting;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Statistics;

/// <summary>
/// The quarterly files for Danmarks Statistik as a page: each §110 place the caller reports for, the quarters with their
/// deadlines, whether each file was fetched, and the files to download (the txt file DST's upload takes, and the same rows as a
/// spreadsheet). Staff see their own places, officers their municipality's. The download is the API's file
/// (<see cref="DstExport"/>), written to the access log as it leaves.
/// </summary>
public static class DstFilePage
{
    public static async Task<IReadOnlyList<DstDelivery>> LoadAsync(HousingDbContext db, Caller caller, LocalDate today,
        CancellationToken ct) =>
        await DstDeliveries.OfAsync(db, await DstDeliveries.PlacesOfAsync(db, caller, ct), DstDeliveries.Recent(today), ct);

    /// <summary>The file of one place and quarter, or null when the caller does not report for that place or the address is bad.</summary>
    public static async Task<IActionResult?> FileAsync(HousingDbContext db, Caller caller, IClock clock, int facilityId, string? period,
        string? format, CancellationToken ct)
    {
        if (period?.Split("-Q") is not [var y, var q] || !int.TryParse(y, out var year) || !int.TryParse(q, out var number)
            || number is < 1 or > 4 || format is not ("txt" or "csv"))
            return null;
        var place = (await DstDeliveries.PlacesOfAsync(db, caller, ct)).FirstOrDefault(p => p.Id == facilityId);
        var quarter = new DstQuarter(year, number);
        if (place is null || quarter.FirstDay > DanishTime.Today(clock)) return null;
        var file = await DstExport.BoformFileAsync(db, place, quarter, clock, ct);
        var name = DstExport.FileName(file, format);
        return format == "txt"
            ? new FileContentResult(DstExport.TxtBytes(file), "text/plain; charset=utf-8") { FileDownloadName = name }
            : new FileContentResult(DstExport.CsvBytes(file), CsvFile.ContentType) { FileDownloadName = name };
    }

    /// <summary>The state of one file as the page says it.</summary>
    public static (string Text, string Css) State(DstDelivery d, LocalDate today) => d switch
    {
        { FetchedAt: { } at } => ($"Hentet {Words.Date(at.InZone(DanishTime.Zone).Date)}", ""),
        _ when !d.Quarter.Ended(today) => ("Kvartalet er ikke slut", ""),
        _ when today > d.Quarter.Deadline => ("Ikke hentet, frist overskredet", "warning"),
        _ => ("Ikke hentet endnu", "warning"),
    };
}
