using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.YouthPolicies;

/// <summary>
/// The municipality's youth policy as its administrator keeps it: the version in force, its history, and a form that records a
/// new version from a date (as POST /odata/YouthPolicies). Versions are never changed: a decision cites the one it was made under.
/// </summary>
public sealed class YouthPolicyPageModel(YouthPolicyWriter writer, IOptions<PlacementPolicy> policy) : AdministratorPage
{
    public override string Title => "Politik for unge på § 110-tilbud";

    public List<YouthPolicy> History { get; private set; } = [];
    public YouthRuleInForce InForce { get; private set; } = null!;

    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    [BindProperty] public bool Applies { get; set; } = true;
    [BindProperty] public int? MinAge { get; set; }
    [BindProperty] public int? MaxAge { get; set; }
    [BindProperty] public string? PolicyName { get; set; }
    [BindProperty] public int? PolicyYear { get; set; }

    // The form's fields are named as the record's; what the page decides itself goes to the top.
    private static readonly IReadOnlyDictionary<string, string> Fields =
        FieldsOf<NewYouthPolicy>("", ("MunicipalityId", ""), ("Applies", ""));

    public async Task OnGetAsync()
    {
        await LoadAsync();
        (MinAge, MaxAge, Applies, EffectiveFrom) = (InForce.MinAge, InForce.MaxAge, InForce.Applies, Today.ToDateOnly());
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (EffectiveFrom is null) Invalid(nameof(EffectiveFrom), "Vælg datoen, politikken gælder fra.");
        if (MinAge is null || MaxAge is null) Invalid(nameof(MinAge), "Skriv aldersgrænserne.");
        if (string.IsNullOrWhiteSpace(PolicyName)) Invalid(nameof(PolicyName), "Skriv navnet på den politik, reglen kommer fra.");
        if (ModelState.IsValid && await WriteAsync(() => CreateAsync(writer,
                new NewYouthPolicy(EffectiveFrom!.Value, Applies, MinAge!.Value, MaxAge!.Value, PolicyName!.Trim(), PolicyYear)),
                Fields) is not null)
        {
            Done = $"Politikken er registreret og gælder fra {Words.Date(EffectiveFrom!.Value)}.";
            return Redirect("/administration/ungepolitik");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var municipalityId = Caller.MunicipalityId ?? 0;
        History = await Db.YouthPolicies.AsNoTracking().Where(p => p.MunicipalityId == municipalityId)
            .OrderByDescending(p => p.EffectiveFrom).ToListAsync(HttpContext.RequestAborted);
        InForce = await YouthRules.AtAsync(Db, municipalityId, Today, policy.Value, HttpContext.RequestAborted);
    }
}
