namespace HousingCapacity.Api.Security;

/// <summary>A person an access log entry names (table AccessLogPersons: two numbers a person, indexed by person).</summary>
public sealed class AccessLogPerson
{
    public int PersonId { get; init; }
    public long EntryId { get; private set; }
}
