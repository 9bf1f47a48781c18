namespace HousingCapacity.Api.Security;

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
    /// <summary>Whether its writes go to the access log: always for people and background jobs; not for building the schema or demo
    /// data.</summary>
    public bool AuditWrites { get; }

    public static readonly Caller Nobody = new("nobody", null, false, null, null, []);

    public static Caller System(string job, bool auditWrites = true) => new("system:" + job, null, true, null, null, [], auditWrites);

    public static Caller Person(string name, Role role, int municipalityId, int municipalityCode, IReadOnlyList<int> facilityIds) =>
        new(name, role, false, municipalityId, municipalityCode, facilityIds);

    public bool Is(Role role) => Role == role;

    public override string ToString() => IsSystem ? Name : $"{Name} ({Role}, {MunicipalityCode})";
}
