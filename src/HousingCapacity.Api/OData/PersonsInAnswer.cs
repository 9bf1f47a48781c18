using System.Collections;
using Microsoft.AspNetCore.OData.Formatter.Value;
using Microsoft.AspNetCore.OData.Query.Wrapper;
using Microsoft.OData.Edm;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The persons an answer shows, noted from the records it holds before a byte of it is written (<see cref="ReadLogFilter"/>):
/// each record as its entity declares it reaches a person (<see cref="PersonReaches"/>), in every expanded record too, and a
/// function's or an aggregate's row by its <c>PersonId</c>. A query not yet run is run here, once, so that the serializer writes
/// what was noted.
/// </summary>
public static class PersonsInAnswer
{
    private const string PersonId = nameof(Placement.PersonId);

    /// <summary>Notes the persons of <paramref name="value"/>; returns the value to write (a query materialised).</summary>
    public static object Note(object value, IEdmModel model, PersonsInResponse persons)
    {
        if (value is IQueryable query and not ICollection)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(query.ElementType))!;
            foreach (var item in query) list.Add(item);
            value = list;
        }
        Walk(value, model, persons);
        return value;
    }

    private static void Walk(object? value, IEdmModel model, PersonsInResponse persons)
    {
        switch (value)
        {
            case null or string or ValueType: return;
            case Entity record: persons.Saw(record); return;
            case IEdmEntityObject record: NoteRecord(record, model, persons); return;
            case IEdmStructuredObject row: NoteRow(row.TryGetPropertyValue(PersonId, out var p) ? p : null, persons); return;
            case DynamicTypeWrapper aggregate: NoteRow(aggregate.TryGetPropertyValue(PersonId, out var q) ? q : null, persons); return;
            case IEnumerable items:
                foreach (var item in items) Walk(item, model, persons);
                return;
            default: NoteRow(value.GetType().GetProperty(PersonId)?.GetValue(value), persons); return;
        }
    }

    private static void NoteRow(object? personId, PersonsInResponse persons)
    {
        if (personId is int id) persons.Saw(id);
    }

    /// <summary>A record shaped by $select or $expand: its person as its entity declares, then every record expanded from it.</summary>
    private static void NoteRecord(IEdmEntityObject record, IEdmModel model, PersonsInResponse persons)
    {
        if (record.GetEdmType().Definition is not IEdmEntityType type) return;
        var clr = model.GetAnnotationValue<Microsoft.OData.ModelBuilder.ClrTypeAnnotation>(type)?.ClrType;
        if (clr is not null && record.TryGetPropertyValue(nameof(Entity.Id), out var id) && id is int key)
            switch (PersonReaches.Of(clr))
            {
                case var self when self == PersonReach.Self: persons.Saw(key); break;
                case var none when none == PersonReach.None: break;
                // The person's id in the answer, or (left out by $select) looked up by the record's key.
                case PersonReach.Column column when record.TryGetPropertyValue(column.Property, out var personId):
                    NoteRow(personId, persons);
                    break;
                // Through another record (an offer's person is its waitlist entry's), or a column left out: by the record's key.
                default: persons.SawRecord(clr, key); break;
            }
        foreach (var navigation in type.NavigationProperties())
            if (record.TryGetPropertyValue(navigation.Name, out var related)) Walk(related, model, persons);
    }
}
