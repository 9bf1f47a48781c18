using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Transitions;

/// <summary>
/// POST /odata/Transitions: an officer or the staff of the municipality record a known date on which a person loses their roof; PATCH
/// corrects it while it is open. It belongs to the person's municipality (or the caller's, for a person without one), whose officers
/// see and work it. It is history: never deleted, and a merge of the person's records moves it.
/// </summary>
public sealed class TransitionWriter : IEntitySetWriter, ICreatesFrom<NewTransition>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewTransition>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<TransitionChange>();
    public bool AllowsDelete => false;

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewTransition>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewTransition n, WriteContext c)
    {
        var person = await References.VisibleAsync<Person>(db, n.PersonId, "PersonId", c.Cancellation);
        person.EnsureNotMerged("PersonId");
        if ((person.MunicipalityId ?? db.Scope.Current.MunicipalityId) is not { } municipality)
            return Refusal.Invalid("MissingMunicipality", "Personen har ingen kommune, og du tilhører ingen.",
                "The person has no municipality, and neither do you.", "PersonId");
        var today = DanishTime.Today(c.Clock);
        return (new Transition(person.Id, municipality, n.Kind, n.LosesRoofOn.ToLocalDate(), n.ComingFrom, n.ToldBy,
            n.ToldOn?.ToLocalDate() ?? today, n.ResponsibleOfficer, n.Note, today, c.UserName), true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context)
    {
        var t = (Transition)entity;
        var change = values.As<TransitionChange>(t);
        t.Update(change.Kind, change.LosesRoofOn.ToLocalDate(), change.ComingFrom, change.ToldBy, change.ToldOn.ToLocalDate(),
            change.ResponsibleOfficer, change.Note, DanishTime.Today(context.Clock));
        return Task.FromResult<Refusal?>(null);
    }
}
