using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Persons: the CPR number is given once; the birth date follows from it. Gender defaults to the CPR register's. Someone
/// without a CPR number is registered with RegisterWithoutCpr (or at the door with CheckIn) and may get it later (AddCpr).</summary>
public sealed class PersonWriter(CprLookups lookups) : IEntitySetWriter, ICreatesFrom<NewPerson>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewPerson>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<PersonChange>();

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewPerson>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewPerson n, WriteContext c)
    {
        if (n.Cpr is null)
            return Refusal.Invalid("MissingProperty",
                "Cpr skal angives. En person uden CPR-nummer registreres med Persons/HousingCapacity.RegisterWithoutCpr.",
                "Cpr is required. A person without a CPR number is registered with Persons/HousingCapacity.RegisterWithoutCpr.", "Cpr");
        var cpr = CprNumber.Parse(n.Cpr);
        var municipalityId = n.MunicipalityId;
        await References.EnsureVisibleAsync<Municipality>(db, municipalityId, "MunicipalityId", c.Cancellation);
        if (await lookups.AnyAsync(db, cpr, CprLookups.DuplicateCheck, c.Cancellation))
            return Refusal.Conflict("DuplicateCpr", "Der findes allerede en person med dette CPR-nummer.",
                "A person with this CPR number already exists.", "Cpr");
        var person = new Person(cpr, n.FirstName, n.LastName, n.Gender ?? cpr.LegalGender, municipalityId);
        person.UpdateAlias(n.Alias);
        return (person, true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var p = (Person)e;
        var change = v.As<PersonChange>(p);
        p.Update(change.FirstName, change.LastName, change.Gender);
        p.UpdateAlias(change.Alias);
        return Task.FromResult<Refusal?>(null);
    }
}
