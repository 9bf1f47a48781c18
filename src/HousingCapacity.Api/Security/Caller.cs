namespace HousingCapacity.Api.Security;

/// <summary>The roles a token can carry (claim "role").</summary>
public enum Role
{
    /// <summary>Boligsagsbehandler: persons, placements, waitlists and turnaways of one municipality; capacity everywhere.</summary>
    HousingOfficer,
    /// <summary>Personale på et tilbud: capacity, units, holds, check-in/out and turnaways at their own facilities.</summary>
    ShelterStaff,
    /// <summary>Udvalgsmedlem: the monthly reports of one municipality and the catalogue of facilities; never a person.</summary>
    Committee,
    /// <summary>The catalogue: municipalities, facilities and units.</summary>
    Administrator,
}

/// <summary>
/// Who is asking: a person with a role from a token, the system itself (start-up, seeding, background jobs, tools), or
/// nobody (the default until the token is read, so that a mistake shows nothing rather than everything).
/// </summary>
public sealed class Caller
{
    private Caller(string name, Role? role, bool isSystem, int? municipalityId, int? municipalityCode, IReadOnlyList<int> facilityIds,
        bool auditWrites = true)
    {
        AuditWrites = auditWrites;
        Name = name;
        Role = role;
        IsSystem = isSystem;
        MunicipalityId = municipalityId;
        MunicipalityCode = municipalityCode;
        FacilityIds = facilityIds;
    }

    public string Name { get; }
    public Role? Role { get; }
    public bool IsSystem { get; }
    /// <summary>The municipality the token names (its database id and its official code).</summary>
    public int? MunicipalityId { get; }
    public int? MunicipalityCode { get; }
    /// <summary>The facilities a ShelterStaff token is bound to.</summary>
    public IReadOnlyList<int> FacilityIds { get; }
    /// <summary>Whether its writes go to the access log: always for people and background jobs; not for building the schema or demo data.</summary>
    public bool AuditWrites { get; }

    public static readonly Caller Nobody = new("nobody", null, false, null, null, []);

    public static Caller System(string job, bool auditWrites = true) => new("system:" + job, null, true, null, null, [], auditWrites);

    public static Caller Person(string name, Role role, int municipalityId, int municipalityCode, IReadOnlyList<int> facilityIds) =>
        new(name, role, false, municipalityId, municipalityCode, facilityIds);

    public bool Is(Role role) => Role == role;

    public override string ToString() => IsSystem ? Name : $"{Name} ({Role}, {MunicipalityCode})";
}

/// <summary>
/// The caller of the current request (a scoped service). The database context reads it at every query (its query
/// filters) and every save (the write scope and the access log): it is the one place scope is decided.
/// </summary>
public sealed class CallerScope
{
    public Caller Current { get; set; } = Caller.Nobody;
    /// <summary>Method and path of the request, for the access log.</summary>
    public string? Request { get; set; }
    /// <summary>The purpose the client gave (header X-Purpose), for the access log.</summary>
    public string? Purpose { get; set; }

    /// <summary>For code outside a request (start-up, tools, tests' own contexts): everything is visible.</summary>
    public static CallerScope ForSystem(string job, bool auditWrites = true) => new() { Current = Caller.System(job, auditWrites), Request = job };
}

/// <summary>A request outside the caller's scope: 403 with a message that says what the role may do.</summary>
public sealed class AccessDeniedException(string messageDa, string messageEn) : Exception(messageEn)
{
    public string MessageDa { get; } = messageDa;
    public string MessageEn { get; } = messageEn;
}
