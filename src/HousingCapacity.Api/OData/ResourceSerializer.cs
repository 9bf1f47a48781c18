using System.Collections;
using HousingCapacity.Domain;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using NodaTime;

namespace HousingCapacity.Api.OData;

/// <summary>Writes entities (with their expanded navigations and only the selected properties) as OData resources.</summary>
internal sealed class ResourceSerializer(ODataServiceModel service, Uri? explicitLinksRoot, Security.PersonsInResponse persons, bool showCpr)
{
    /// <summary>Properties that are never written unless the client names them in $select.</summary>
    public static readonly IReadOnlySet<string> OnlyWhenSelected = new HashSet<string>(StringComparer.Ordinal) { "Cpr" };

    public static string ETagOf(Entity entity) => $"W/\"{entity.Version}\"";

    public void WriteEntity(ODataWriter writer, Entity entity, EntitySetInfo info, SelectExpandClause? clause)
    {
        persons.Saw(entity);
        writer.WriteStart(ToResource(entity, info, clause));
        foreach (var item in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            var name = ((NavigationPropertySegment)item.PathToNavigationProperty.LastSegment).NavigationProperty.Name;
            var nav = info.Navigations[name];
            var target = service.ForType(nav.TargetClrType);
            var value = nav.Property.GetValue(entity);
            writer.WriteStart(new ODataNestedResourceInfo { Name = name, IsCollection = nav.IsCollection });
            if (nav.IsCollection)
            {
                writer.WriteStart(new ODataResourceSet());
                foreach (var child in (IEnumerable?)value ?? Array.Empty<Entity>())
                    WriteEntity(writer, (Entity)child, target, item.SelectAndExpand);
                writer.WriteEnd();
            }
            else if (value is Entity single)
            {
                WriteEntity(writer, single, target, item.SelectAndExpand);
            }
            else
            {
                writer.WriteStart((ODataResource?)null);
                writer.WriteEnd();
            }
            writer.WriteEnd();
        }
        writer.WriteEnd();
    }

    public ODataResource ToResource(Entity entity, EntitySetInfo info, SelectExpandClause? clause)
    {
        var names = SelectedProperties(info, clause);
        // With odata.metadata=full the writer computes links from the key, which $select may have left out.
        var link = explicitLinksRoot is null ? null : new Uri(explicitLinksRoot, $"{info.Name}({entity.Id})");
        return new ODataResource
        {
            Id = link,
            EditLink = link,
            ReadLink = link,
            TypeName = info.EdmType.FullTypeName(),
            ETag = ETagOf(entity),
            Properties = names.Select(n => new ODataProperty { Name = n, Value = ValueOf(entity, info, n) }).ToList(),
        };
    }

    private object? ValueOf(Entity entity, EntitySetInfo info, string name) => info.Properties[name].GetValue(entity) switch
    {
        CprNumber cpr when !showCpr => cpr.ToString(), // masked: DDMMYY-XXXX
        var value => ToODataValue(value, (IEdmStructuralProperty)info.EdmType.FindProperty(name)),
    };

    public static IReadOnlyList<string> SelectedProperties(EntitySetInfo info, SelectExpandClause? clause)
    {
        var explicitly = clause?.SelectedItems.OfType<PathSelectItem>()
            .Select(p => p.SelectedPath.LastSegment)
            .OfType<PropertySegment>()
            .Select(s => s.Property.Name)
            .ToHashSet(StringComparer.Ordinal) ?? [];
        var all = clause is null || clause.AllSelected || clause.SelectedItems.OfType<WildcardSelectItem>().Any();
        return info.Properties.Keys
            .Where(n => explicitly.Contains(n) || all && !OnlyWhenSelected.Contains(n))
            .ToList();
    }

    public static object? ToODataValue(object? value, IEdmStructuralProperty? property) => value switch
    {
        null => null,
        LocalDate d => new Date(d.Year, d.Month, d.Day),
        Instant i => i.ToDateTimeOffset(),
        CprNumber c => c.Value,
        Enum e => new ODataEnumValue(e.ToString(), property?.Type.FullName() ?? $"{ODataServiceModel.Namespace}.{e.GetType().Name}"),
        _ => value,
    };
}
