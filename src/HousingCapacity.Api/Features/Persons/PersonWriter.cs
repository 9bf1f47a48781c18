using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Persons: the CPR number is given once; the birth date follows from it. Gender defaults to the CPR register's. Someone
/// without a CPR number is registered with RegisterWithoutCpr (or at the door with CheckIn) and may get it later (AddCpr).</summary>
public sealed class PersonWriter(CprLookups lookups) : IEntitySetWriter
{
    public IReadOnlySet<string> Insertable { get; } =
        new HashSet<string> { "Cpr", "FirstName", "LastName", "Gender", "MunicipalityId", "Alias" };
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string> { "FirstName", "LastName", "Gender", "Alias" };

    public async Task<(Entity, bool)> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c)
    {
        if (v.Optional<string?>("Cpr", null) is null)
            throw ODataProblem.BadRequest("MissingProperty",
                "Cpr skal angives. En person uden CPR-nummer registreres med Persons/HousingCapacity.RegisterWithoutCpr.",
                "Cpr is required. A person without a CPR number is registered with Persons/HousingCapacity.RegisterWithoutCpr.", "Cpr");
        var cpr = CprNumber.Parse(v.Required<string>("Cpr"));
        var municipalityId = v.Required<int>("MunicipalityId");
        await References.EnsureVisibleAsync<Municipality>(db, municipalityId, "MunicipalityId", c.Cancellation);
        if (await lookups.AnyAsync(db, cpr, CprLookups.DuplicateCheck, c.Cancellation))
            throw new ODataProblem(409, "DuplicateCpr", "Der findes allerede en person med dette CPR-nummer.",
                "A person with this CPR number already exists.", "Cpr");
        var person = new Person(cpr, v.Required<string>("FirstName"), v.Required<string>("LastName"),
            v.Optional("Gender", cpr.LegalGender), municipalityId);
        person.UpdateAlias(v.Optional<string?>("Alias", null));
        return (person, true);
    }

    public Task UpdateAsync(HousingDbContext db, Entity e, EntityValues v, WriteContext c)
    {
        var p = (Person)e;
        p.Update(v.Get("FirstName", p.FirstName), v.Get("LastName", p.LastName), v.Get("Gender", p.Gender));
        p.UpdateAlias(v.Get("Alias", p.Alias));
        return Task.CompletedTask;
    }
}
