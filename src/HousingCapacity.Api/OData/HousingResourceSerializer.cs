using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The library's resource serializer with the service's privacy rules: <c>Cpr</c> is written only when named in
/// <c>$select</c> (and masked, DDMMYY-XXXX, for those who may not see it), and a single record's ETag also goes in the ETag
/// header. The persons an answer shows were noted before it started (<see cref="PersonsInAnswer"/>).
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

    private static bool IsPerson(IEdmStructuredType type) => type is IEdmEntityType { Name: nameof(Person) };

    private static bool CprSelectedExplicitly(SelectExpandClause? clause) =>
        clause?.SelectedItems.OfType<PathSelectItem>().Any(p =>
            p.SelectedPath.LastSegment is PropertySegment { Property.Name: nameof(Person.Cpr) }) == true;
}
