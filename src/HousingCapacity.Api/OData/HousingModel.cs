using System.Reflection;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The EDM of the service, from one convention model builder: every feature adds its entity sets and operations, and this
/// puts everything in the namespace <see cref="Namespace"/>, makes Version the ETag, and marks as required what C# declares
/// non-nullable.
/// </summary>
public static class HousingModel
{
    public const string Namespace = "HousingCapacity";

    public static IEdmModel Build(IEnumerable<IFeature> features)
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Container" };
        // Id and Version are declared on every entity type itself, not on a base type clients never see.
        builder.Ignore<Entity>();
        foreach (var feature in features) feature.DescribeModel(builder);

        foreach (var set in builder.EntitySets.ToList())
        {
            set.EntityType.HasKey(typeof(Entity).GetProperty(nameof(Entity.Id))!);
            AddGuardedProperties(builder, set.EntityType);
            set.EntityType.AddProperty(typeof(Entity).GetProperty(nameof(Entity.Version))!).IsConcurrencyToken();
        }
        foreach (var type in builder.StructuralTypes) type.Namespace = Namespace;
        foreach (var type in builder.EnumTypes) type.Namespace = Namespace;
        var nullability = new NullabilityInfoContext();
        foreach (var type in builder.StructuralTypes)
            foreach (var property in type.Properties.OfType<PrimitivePropertyConfiguration>())
                if (!property.PropertyInfo.PropertyType.IsValueType
                    && nullability.Create(property.PropertyInfo).ReadState == NullabilityState.NotNull)
                    property.IsRequired();

        var model = (EdmModel)builder.GetEdmModel();
        Describe(model, "Person", "Cpr", "CPR number (DDMMYY-SSSS). Confidential: only returned when selected explicitly with $select.");
        Describe(model, "Person", "BirthDate",
            "Derived from the CPR number; without one, 1 July of the birth year given or the date an estimated age implies (see " +
                "AgeBasis). Read-only.");
        Describe(model, "Person", "MunicipalityId", "The person's handlekommune; null when not known.");
        Describe(model, "Person", "MergedIntoId", "Set when this record was merged into another record of the same person.");
        Describe(model, "Facility", "LegalBasis", "The law the place is run under; every §110 rule reads this, not Kind.");
        Describe(model, "Placement", "LegalBasis", "The place's legal basis when the stay began.");
        Describe(model, "Placement", "ResponsibleMunicipalityId",
            "The stay's handlekommune (retssikkerhedsloven §§ 9–9 b), notified under §110 stk. 6; null when not known.");
        Describe(model, "Placement", "PriorResidence", "Where the person stayed before (Danmarks Statistik, since 2021).");
        Describe(model, "Placement", "StayType", "The §110 stay's type as Danmarks Statistik asks it: Shelter (herberg or " +
            "forsorgshjem) or AfterCare (efterforsorg); null at other places.");
        Describe(model, "Placement", "EndDate", "Exclusive: the last night is EndDate − 1. Null while the stay is ongoing.");
        foreach (var type in model.SchemaElements.OfType<IEdmEntityType>())
            Describe(model, type.Name, nameof(Entity.Version), "Goes up by one with each change; the ETag of the record.");
        return model;
    }

    /// <summary>
    /// The convention builder takes only properties with public setters; the domain's records guard theirs (private setters,
    /// changed through constructors and methods). Every stored property — one with a setter of any visibility — is exposed,
    /// single navigations with their foreign key as referential constraint. Computed getters (Stay, BedsFree) are not stored.
    /// </summary>
    private static void AddGuardedProperties(ODataConventionModelBuilder builder, EntityTypeConfiguration type)
    {
        var declared = type.Properties.Select(p => p.Name).Concat(type.IgnoredProperties.Select(p => p.Name)).ToHashSet();
        foreach (var property in type.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (declared.Contains(property.Name) || property.SetMethod is null || property.GetMethod?.IsPublic != true) continue;
            var clr = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (clr.IsEnum)
            {
                builder.AddEnumType(clr);
                type.AddEnumProperty(property);
            }
            else if (clr.IsPrimitive || clr == typeof(string) || clr == typeof(DateOnly)
                || clr == typeof(DateTimeOffset)) type.AddProperty(property);
            else if (typeof(Entity).IsAssignableFrom(clr))
            {
                var foreignKey = type.ClrType.GetProperty(property.Name + nameof(Entity.Id))
                    ?? type.ClrType.GetProperty(clr.Name + nameof(Entity.Id));
                var required = foreignKey is not null && Nullable.GetUnderlyingType(foreignKey.PropertyType) is null;
                var navigation = type.AddNavigationProperty(property, required ? EdmMultiplicity.One : EdmMultiplicity.ZeroOrOne);
                if (foreignKey is not null) navigation.HasConstraint(foreignKey, typeof(Entity).GetProperty(nameof(Entity.Id))!);
            }
        }
    }

    private static void Describe(EdmModel model, string type, string property, string text)
    {
        if (model.FindDeclaredType($"{Namespace}.{type}") is not IEdmStructuredType structured
            || structured.FindProperty(property) is not { } target)
            return;
        model.SetVocabularyAnnotation(new EdmVocabularyAnnotation(target, CoreVocabularyModel.DescriptionTerm,
            new EdmStringConstant(text)));
    }
}
