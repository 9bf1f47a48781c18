using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The library's resource serializer with the service's privacy rules: <c>Cpr</c> is written only when named in
/// <c>$select</c> (and masked, DDMMYY-XXXX, for those who may not see it), every record about a person is noted for the
/// access log (<see cref="PersonsInResponse"/>), and a single record's ETag also goes in the ETag header.
/// </summary>
public sealed class HousingResourceSerializer(IODataSerializerProvider provider) : ODataResourceSerializer(provider)
{
    public override SelectExpandNode CreateSelectExpandNode(ResourceContext resourceContext)
    {
        var node = base.CreateSelectExpandNode(resourceContext);
        if (!CprSelectedExplicitly(resourceContext.SerializerContext.SelectExpandClause))
            foreach (var cpr in node.SelectedStructuralProperties?.Where(p => p.Name == nameof(Person.Cpr)
                && IsPerson(p.DeclaringType)).ToList() ?? [])
                node.SelectedStructuralProperties!.Remove(cpr);
        return node;
    }

    public override ODataResource CreateResource(SelectExpandNode selectExpandNode, ResourceContext resourceContext)
    {
        var resource = base.CreateResource(selectExpandNode, resourceContext);
        NotePerson(resourceContext);
        var context = resourceContext.SerializerContext;
        if (context.ExpandedResource is null && resource.ETag is { } etag
            && context.Path?.LastSegment?.EdmType is not (IEdmCollectionType or null)
            && !context.Request.HttpContext.Response.HasStarted)
            context.Request.HttpContext.Response.Headers.ETag = etag;
        return resource;
    }

    public override ODataProperty CreateStructuralProperty(IEdmStructuralProperty structuralProperty, ResourceContext resourceContext)
    {
        var property = base.CreateStructuralProperty(structuralProperty, resourceContext);
        if (property.Value is not string text) return property;
        var cpr = structuralProperty.Name == nameof(Person.Cpr) && IsPerson(structuralProperty.DeclaringType);
        // A free text stored before such texts were refused may still hold a CPR number: masked, as the number itself is, for
        // whoever may not see one.
        if ((cpr || Privacy.HoldsCpr(text))
            && !Security.AccessPolicy.MaySeeCpr(resourceContext.Request.HttpContext.RequestServices.GetRequiredService<CallerScope>()
                .Current))
            property.Value = cpr ? Privacy.MaskCpr(text) : Privacy.Scrub(text);
        return property;
    }

    private static void NotePerson(ResourceContext context)
    {
        var persons = context.Request.HttpContext.RequestServices.GetRequiredService<PersonsInResponse>();
        var record = context.EdmObject;
        if (context.StructuredType is not IEdmEntityType type)
        {
            // A function's row about a person (LongStay, PersonMatch).
            if (record.TryGetPropertyValue("PersonId", out var rowPerson) && rowPerson is int p) persons.Saw(p);
            return;
        }
        var clr = context.EdmModel.GetAnnotationValue<ClrTypeAnnotation>(type)?.ClrType;
        if (clr is null || !record.TryGetPropertyValue(nameof(Entity.Id), out var id) || id is not int key) return;
        switch (PersonReaches.Of(clr))
        {
            case var self when self == PersonReach.Self: persons.Saw(key); break;
            case var none when none == PersonReach.None: break;
            // The person's id in the answer, or (left out by $select) looked up by the record's key.
            case PersonReach.Column column when record.TryGetPropertyValue(column.Property, out var personId):
                if (personId is int p) persons.Saw(p);
                break;
            // Through another record (an offer's person is its waitlist entry's), or a column left out: by the record's key.
            default: persons.SawRecord(clr, key); break;
        }
    }

    private static bool IsPerson(IEdmStructuredType type) => type is IEdmEntityType { Name: nameof(Person) };

    private static bool CprSelectedExplicitly(SelectExpandClause? clause) =>
        clause?.SelectedItems.OfType<PathSelectItem>().Any(p =>
            p.SelectedPath.LastSegment is PropertySegment { Property.Name: nameof(Person.Cpr) }) == true;
}
