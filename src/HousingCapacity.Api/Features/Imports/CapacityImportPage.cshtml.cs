using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Imports;

/// <summary>The capacity import (the same as POST /imports/capacity-reports): a CSV file of nightly counts, all lines or none, each
/// faulty line named with what is wrong.</summary>
[ForRole(Role.Administrator)]
public sealed class CapacityImportPageModel : HousingPage
{
    public override string Title => "Import af kapacitet";

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Text { get; set; }

    public CapacityImport.Result? Result { get; private set; }
    public IReadOnlyList<string> LineErrors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        AccessPolicy.Ensure(Caller, AccessPolicy.CapacityImport, "importere kapacitetsrapporter", "import capacity reports");
        string? text = Text;
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > 1_000_000) Invalid(nameof(Upload), "Filen er for stor (højst 1 MB).");
            else
            {
                using var reader = new StreamReader(Upload.OpenReadStream(), new System.Text.UTF8Encoding(false, true));
                try
                {
                    text = (await reader.ReadToEndAsync()).TrimStart('\uFEFF');
                }
                catch (System.Text.DecoderFallbackException)
                {
                    Invalid(nameof(Upload), "Filen er ikke UTF-8. Gem den som \"CSV UTF-8\".");
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(text)) Invalid(nameof(Upload), "Vælg en CSV-fil, eller indsæt linjerne i feltet.");
        if (!ModelState.IsValid) return Page();
        Result = await AttemptAsync(() => CapacityImport.ImportAsync(Db, text!, Clock, Caller.Name, HttpContext.RequestAborted));
        if (Refusal is { } refusal)
        {
            // Each faulty line by itself, as the API's error lists them in its details.
            LineErrors = refusal.Details.Select(d => d.MessageDa).ToList();
            ModelState.Clear();
            ModelState.AddModelError(nameof(Upload), refusal.MessageDa);
        }
        return Page();
    }
}
