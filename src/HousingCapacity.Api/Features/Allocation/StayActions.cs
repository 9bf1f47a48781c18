using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// The actions on a running stay that the API (<see cref="PlacementsController"/>) and the pages (staff's check-out, the officer's
/// stay page) both take, declared once: each reads its typed command and changes the stay inside the caller's write.
/// </summary>
public static class StayActions
{
    /// <summary>Check-out: in the capacity the caller acts in at the stay's place (<see cref="Decisions"/>).</summary>
    public static async Task<Outcome<Placement>> DischargeAsync(HousingDbContext db, Placement stay, DischargeCommand command,
        WriteContext c)
    {
        var by = new Discharger(c.UserName, await Decisions.CapacityAtAsync(db, stay, c.Cancellation), command.Section110Stk5 ?? false);
        stay.Discharge(command.EndDate.ToLocalDate(), command.DischargeReason, command.Destination, command.FollowUpSupport,
            command.FollowUpDecidedOn?.ToLocalDate(), DanishTime.Today(c.Clock), by);
        return stay;
    }

    /// <summary>A new handlekommune by its code (null: unknown) with a reason (retssikkerhedsloven §§ 9–9 b).</summary>
    public static async Task<Outcome<Placement>> ChangeResponsibleMunicipalityAsync(HousingDbContext db, Placement stay,
        ChangeResponsibleMunicipalityCommand command, CancellationToken ct)
    {
        int? id = null;
        if (command.MunicipalityCode is { } code)
        {
            id = await db.Municipalities.Where(m => m.Code == code).Select(m => (int?)m.Id).SingleOrDefaultAsync(ct);
            if (id is null)
                return Refusal.Invalid("UnknownMunicipality", $"Kommunekoden {code} findes ikke.",
                    $"There is no municipality with code {code}.", "municipalityCode");
        }
        stay.ChangeResponsibleMunicipality(id, command.Reason);
        return stay;
    }
}
