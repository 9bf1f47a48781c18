using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Imports;

/// <summary>
/// The capacity import (the same as POST /imports/capacity-reports), in two steps: the file is checked and shown as a preview (what
/// is new, and each night already reported that it would overwrite, with what was reported and by whom), and only "Indlæs" saves
/// it, all lines or none. A night reported between the preview and "Indlæs" is shown in a new preview instead of overwritten.
/// </summary>
[ForRole(Role.Administrator)]
public sealed class CapacityImportPageModel : HousingPage
{
    public override string Title => "Import af kapacitet";

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Text { get; set; }
    /// <summary>What the preview the administrator saw would overwrite (<see cref="KeyOf"/>).</summary>
    [BindProperty] public string? PreviewKey { get; set; }

    public CapacityImport.Result? Preview { get; private set; }
    public CapacityImport.Result? Result { get; private set; }
    public IReadOnlyList<string> LineErrors { get; private set; } = [];
    /// <summary>Someone reported a night the file changes after the preview was shown.</summary>
    public bool ChangedSincePreview { get; private set; }
    public Dictionary<int, string> FacilityNames { get; private set; } = [];

    public async Task OnGetAsync() => await LoadNamesAsync();

    /// <summary>Checks the file and shows what it would do; saves nothing.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        AccessPolicy.Ensure(Caller, AccessPolicy.CapacityImport, "importere kapacitetsrapporter", "import capacity reports");
        await LoadNamesAsync();
        var text = await ReadAsync();
        if (!ModelState.IsValid) return Page();
        Text = text;
        if (await RunAsync(text!, apply: false) is { } preview)
        {
            Preview = preview;
            PreviewKey = KeyOf(preview);
        }
        return Page();
    }

    /// <summary>Saves the file the administrator saw the preview of, unless what it overwrites has changed since.</summary>
    public async Task<IActionResult> OnPostApplyAsync()
    {
        AccessPolicy.Ensure(Caller, AccessPolicy.CapacityImport, "importere kapacitetsrapporter", "import capacity reports");
        await LoadNamesAsync();
        if (string.IsNullOrWhiteSpace(Text))
        {
            Invalid(nameof(Upload), "Vælg en CSV-fil, eller indsæt linjerne i feltet.");
            return Page();
        }
        if (await RunAsync(Text, apply: false) is not { } check) return Page();
        if (KeyOf(check) != PreviewKey)
        {
            ChangedSincePreview = true;
            Preview = check;
            PreviewKey = KeyOf(check);
            return Page();
        }
        Result = await RunAsync(Text, apply: true);
        if (Result is not null) Text = null;
        return Page();
    }

    /// <summary>The nights a preview overwrites and what they held, so that a changed night is noticed at "Indlæs".</summary>
    private static string KeyOf(CapacityImport.Result r) => string.Join("|", r.Overwritten.Select(o =>
        $"{o.FacilityId}:{o.Date:yyyyMMdd}:{o.WasInService}:{o.WasOccupied}:{o.WasOutOfService}:{o.ReportedAt.UtcTicks}"))
        + $"#{r.Created}";

    private async Task<CapacityImport.Result?> RunAsync(string text, bool apply)
    {
        var result = await AttemptAsync(() => CapacityImport.ImportAsync(Db, text, Clock, Caller.Name, HttpContext.RequestAborted,
            apply));
        if (Refusal is { } refusal)
        {
            // Each faulty line by itself, as the API's error lists them in its details.
            LineErrors = refusal.Details.Select(d => d.MessageDa).ToList();
            ModelState.Clear();
            ModelState.AddModelError(nameof(Upload), refusal.MessageDa);
        }
        return result;
    }

    private async Task<string?> ReadAsync()
    {
        if (Upload is not { Length: > 0 })
        {
            if (string.IsNullOrWhiteSpace(Text)) Invalid(nameof(Upload), "Vælg en CSV-fil, eller indsæt linjerne i feltet.");
            return Text;
        }
        if (Upload.Length > 1_000_000)
        {
            Invalid(nameof(Upload), "Filen er for stor (højst 1 MB).");
            return null;
        }
        using var reader = new StreamReader(Upload.OpenReadStream(), new System.Text.UTF8Encoding(false, true));
        try
        {
            return (await reader.ReadToEndAsync()).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            Invalid(nameof(Upload), "Filen er ikke UTF-8. Gem den som \"CSV UTF-8\".");
            return null;
        }
    }

    /// <summary>The municipality's places by name, to show which names the file may use.</summary>
    private async Task LoadNamesAsync() =>
        FacilityNames = await Db.Facilities.Where(f => f.MunicipalityId == Caller.MunicipalityId).OrderBy(f => f.Name)
            .ToDictionaryAsync(f => f.Id, f => f.Name, HttpContext.RequestAborted);
}
