using HousingCapacity.Api.Reporting;
using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Who has seen or changed a person's data (GDPR art. 15), as <c>Persons({id})/AccessLog</c>: on the page and as CSV.</summary>
public sealed class PersonAccessLogModel : OfficerPage
{
    public override string Title => "Adgangslog";

    public Person Person { get; private set; } = null!;
    public List<AccessLogRecord> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    /// <summary>The export as CSV (semicolons, UTF-8 with BOM, for Excel). Its own read is written to the log like the page's.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var csv = CsvFile.Write(["Tidspunkt", "Bruger", "Rolle", "Kommune", "Handling", "Forespørgsel", "Formål"], rows =>
        {
            // Every cell through the one CSV writer: a purpose a client gave (=HYPERLINK(…), say) is text, not a formula.
            foreach (var l in Lines)
                rows.Row(l.At.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture), l.UserName, l.Role,
                    l.MunicipalityCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Operation, l.Request, l.Purpose);
        });
        return File(csv, CsvFile.ContentType,
            $"adgangslog-person-{id}.csv");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var person = await Db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (person is null) return false;
        Person = person;
        Shows(id);
        Lines = await AccessLogFunction.InvokeAsync(Db, person, HttpContext.RequestAborted);
        return true;
    }
}
