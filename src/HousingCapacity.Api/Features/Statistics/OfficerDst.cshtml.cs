using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.Reporting;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Statistics;

/// <summary>The officers' page of their municipality's §110 places' files for Danmarks Statistik.</summary>
public sealed class OfficerDstPageModel : OfficerPage
{
    public override string Title => "Danmarks Statistik";
    public string Path => "/sagsbehandler/danmarks-statistik";
    public IReadOnlyList<DstDelivery> Deliveries { get; private set; } = [];

    public async Task OnGetAsync() =>
        Deliveries = await DstFilePage.LoadAsync(Db, Caller, Today, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetFileAsync(int tilbud, string? kvartal, string? format) =>
        await DstFilePage.FileAsync(Db, Caller, Clock, tilbud, kvartal, format, HttpContext.RequestAborted) ?? NotFound();
}
