using System.Text;
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
        var csv = new StringBuilder("Tidspunkt;Bruger;Rolle;Kommune;Handling;Forespørgsel;Formål\r\n");
        static string Cell(string? text) => "\"" + (text ?? "").Replace("\"", "\"\"") + "\"";
        foreach (var l in Lines)
            csv.Append(string.Join(';', Cell(l.At.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)),
                Cell(l.UserName), Cell(l.Role), Cell(l.MunicipalityCode?.ToString()), Cell(l.Operation), Cell(l.Request), Cell(l.Purpose))).Append("\r\n");
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8",
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
