namespace HousingCapacity.Domain;

/// <summary>
/// A record about one person (or, when anonymous, nobody): every answer that carries it and every change to it is written to
/// the access log under that person (GDPR art. 15: a person can learn who saw their data).
/// </summary>
public interface IConcernsPerson
{
    int? ConcernedPersonId { get; }
}
