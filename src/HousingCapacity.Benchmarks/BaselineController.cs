using System.Text.Json;
using HousingCapacity.Api.Data;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Benchmarks;

/// <summary>
/// The benchmark's baselines: the same three queries as the OData requests, written by hand in EF Core LINQ and serialised
/// with System.Text.Json, through the same scope filters and with the same access log lines.
/// </summary>
// Under /reports, where the API reads bearer tokens (elsewhere only the pages' sign-in counts).
[ApiController, Route("reports/benchmark-baseline")]
public sealed class BaselineController(HousingDbContext db, CallerScope scope, IClock clock) : ControllerBase
{
    [HttpGet("placements")]
    public async Task<IActionResult> Placements()
    {
        var from = new DateOnly(2026, 6, 1);
        var rows = await db.Placements.AsNoTracking()
            .Where(p => p.StartDate >= from && p.Facility!.Kind == FacilityKind.Section110Shelter && p.SupportMethod == SupportMethod.None)
            .OrderByDescending(p => p.StartDate).ThenBy(p => p.Id).Skip(100).Take(51).ToListAsync();
        await LogAsync(rows.Take(50).Select(p => p.PersonId));
        return Json(new
        {
            value = rows.Take(50).Select(p => new Dictionary<string, object?>
            {
                // Every property the API writes, in its order, with the version as the ETag annotation: the same answer.
                ["@odata.etag"] = $"W/\"{p.Version}\"",
                ["Id"] = p.Id,
                ["PersonId"] = p.PersonId,
                ["UnitId"] = p.UnitId,
                ["FacilityId"] = p.FacilityId,
                ["StartDate"] = p.StartDate,
                ["EndDate"] = p.EndDate,
                ["SupportMethod"] = p.SupportMethod.ToString(),
                ["ExceptionJustification"] = p.ExceptionJustification,
                ["ExceptionDecidedBy"] = p.ExceptionDecidedBy,
                ["YouthPolicyId"] = p.YouthPolicyId,
                ["LegalBasis"] = p.LegalBasis.ToString(),
                ["ResponsibleMunicipalityId"] = p.ResponsibleMunicipalityId,
                ["ResponsibleMunicipalityReason"] = p.ResponsibleMunicipalityReason,
                ["AdmittedBy"] = p.AdmittedBy,
                ["ReferredBy"] = p.ReferredBy,
                ["ReferralReason"] = p.ReferralReason,
                ["DischargeDecidedBy"] = p.DischargeDecidedBy,
                ["DischargeCapacity"] = p.DischargeCapacity?.ToString(),
                ["StayType"] = p.StayType?.ToString(),
                ["ReferralRoute"] = p.ReferralRoute?.ToString(),
                ["PriorResidence"] = p.PriorResidence?.ToString(),
                ["DischargeReason"] = p.DischargeReason?.ToString(),
                ["Destination"] = p.Destination?.ToString(),
                ["FollowUpSupport"] = p.FollowUpSupport?.ToString(),
                ["FollowUpDecidedOn"] = p.FollowUpDecidedOn,
                ["FollowUpDecidedBeforeDischarge"] = p.FollowUpDecidedBeforeDischarge,
                ["NotificationDueDate"] = p.NotificationDueDate,
                ["SupportUntil"] = p.SupportUntil,
                ["NotifiedOn"] = p.NotifiedOn,
                ["HousingSupportAfter107DecidedOn"] = p.HousingSupportAfter107DecidedOn,
                ["Version"] = p.Version,
            }),
        });
    }

    [HttpGet("facility")]
    public async Task<IActionResult> Facility()
    {
        var f = await db.Facilities.AsNoTracking().SingleAsync(x => x.Id == 1);
        return Json(new
        {
            f.Id,
            f.MunicipalityId,
            f.Name,
            Kind = f.Kind.ToString(),
            LegalBasis = f.LegalBasis.ToString(),
            f.Address,
            GenderRestriction = f.GenderRestriction.ToString(),
            f.MinAge,
            f.MaxAge,
            f.IsActive,
            f.Version,
        });
    }

    [HttpGet("units")]
    public async Task<IActionResult> Units()
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Id).Take(20).ToListAsync();
        return Json(new
        {
            value = units.Select(u => new
            {
                u.Id,
                u.FacilityId,
                u.Label,
                u.Beds,
                Status = u.Status.ToString(),
                u.OutOfServiceSince,
                u.Version
            })
        });
    }

    private async Task LogAsync(IEnumerable<int> personIds)
    {
        // As the API logs a read: one entry naming the persons, through the same batch.
        var ids = personIds.ToList();
        if (ids.Count > 0)
            await db.Shared.AccessLogBatch.WriteAsync(AccessLog.Entry(scope, clock.GetCurrentInstant(), "Read",
                ids), HttpContext.RequestAborted);
    }

    private FileContentResult Json(object value) => File(JsonSerializer.SerializeToUtf8Bytes(value), "application/json");
}
