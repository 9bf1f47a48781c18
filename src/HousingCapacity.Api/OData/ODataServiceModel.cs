using System.Reflection;
using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using NodaTime;

namespace HousingCapacity.Api.OData;

/// <summary>One entity set: its CLR type, its EDM type, and how each EDM property maps to the CLR property.</summary>
public sealed class EntitySetInfo
{
    public required string Name { get; init; }
    public required Type ClrType { get; init; }
    public required EdmEntitySet EdmSet { get; init; }
    public required EdmEntityType EdmType { get; init; }
    public required IReadOnlyDictionary<string, PropertyInfo> Properties { get; init; }
    public required IReadOnlyDictionary<string, NavigationInfo> Navigations { get; init; }
}

public sealed record NavigationInfo(string Name, PropertyInfo Property, Type TargetClrType, bool IsCollection);

/// <summary>
/// The OData service model, built from EF Core's model so that what the API exposes is exactly what the
/// database stores: entity types, enums, Edm.Date for LocalDate, Edm.DateTimeOffset for Instant,
/// navigation properties with referential constraints, and Version as the optimistic-concurrency ETag.
/// </summary>
public sealed class ODataServiceModel
{
    public const string Namespace = "HousingCapacity";

    /// <summary>Entity sets in the order of shared/api.md.</summary>
    private static readonly (string Name, Type Type)[] Sets =
    [
        ("Municipalities", typeof(Municipality)), ("Facilities", typeof(Facility)), ("Units", typeof(Unit)),
        ("CapacityReports", typeof(CapacityReport)), ("Persons", typeof(Person)), ("Placements", typeof(Placement)),
        ("Waitlists", typeof(Waitlist)), ("WaitlistEntries", typeof(WaitlistEntry)), ("Offers", typeof(Offer)),
        ("Turnaways", typeof(Turnaway)), ("BedHolds", typeof(BedHold)),
    ];

    private readonly Dictionary<string, EntitySetInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, EntitySetInfo> _byType = [];
    private readonly Dictionary<Type, EdmEnumType> _enums = [];

    public ODataServiceModel(IModel efModel)
    {
        var model = new EdmModel();
        var container = new EdmEntityContainer(Namespace, "Container");
        model.AddElement(container);

        foreach (var (name, clr) in Sets)
        {
            var efType = efModel.FindEntityType(clr) ?? throw new InvalidOperationException($"{clr.Name} is not in the EF model.");
            var edmType = new EdmEntityType(Namespace, clr.Name);
            var props = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
            foreach (var p in OrderedProperties(efType))
            {
                var edmProp = edmType.AddStructuralProperty(p.Name, EdmTypeOf(model, p.ClrType, p.IsNullable));
                if (p.Name == "Id") edmType.AddKeys(edmProp);
                props[p.Name] = p.PropertyInfo!;
            }
            model.AddElement(edmType);
            var set = container.AddEntitySet(name, edmType);
            var info = new EntitySetInfo
            {
                Name = name, ClrType = clr, EdmSet = set, EdmType = edmType, Properties = props,
                Navigations = new Dictionary<string, NavigationInfo>(StringComparer.Ordinal),
            };
            _byName[name] = info;
            _byType[clr] = info;
        }

        // Navigations, with their partners and foreign keys (referential constraints).
        var done = new HashSet<INavigation>();
        foreach (var info in _byName.Values)
        {
            var efType = efModel.FindEntityType(info.ClrType)!;
            foreach (var nav in efType.GetNavigations().Where(n => n.PropertyInfo is not null && !done.Contains(n)))
            {
                var target = _byType[nav.TargetEntityType.ClrType];
                var inverse = nav.Inverse;
                done.Add(nav);
                if (inverse is not null) done.Add(inverse);

                // Always declare from the dependent (many-to-one) side, so the referential constraint sits there.
                var dependentNav = nav.IsOnDependent ? nav : inverse;
                var principalNav = nav.IsOnDependent ? inverse : nav;
                if (dependentNav is null)
                {
                    // A collection with no reference back: declare it alone.
                    AddNavigation(info, target, nav);
                    continue;
                }
                var dependentInfo = _byType[dependentNav.DeclaringEntityType.ClrType];
                var principalInfo = _byType[dependentNav.TargetEntityType.ClrType];
                var fk = dependentNav.ForeignKey;
                var dependentProps = fk.Properties.Select(p => (IEdmStructuralProperty)dependentInfo.EdmType.FindProperty(p.Name)).ToList();
                var principalProps = fk.PrincipalKey.Properties.Select(p => (IEdmStructuralProperty)principalInfo.EdmType.FindProperty(p.Name)).ToList();
                var depInfo = new EdmNavigationPropertyInfo
                {
                    Name = dependentNav.Name,
                    Target = principalInfo.EdmType,
                    TargetMultiplicity = fk.IsRequired ? EdmMultiplicity.One : EdmMultiplicity.ZeroOrOne,
                    DependentProperties = dependentProps,
                    PrincipalProperties = principalProps,
                };
                if (principalNav?.PropertyInfo is not null)
                {
                    var partner = new EdmNavigationPropertyInfo
                    {
                        Name = principalNav.Name,
                        Target = dependentInfo.EdmType,
                        TargetMultiplicity = EdmMultiplicity.Many,
                    };
                    var edmNav = dependentInfo.EdmType.AddBidirectionalNavigation(depInfo, partner);
                    dependentInfo.EdmSet.AddNavigationTarget(edmNav, principalInfo.EdmSet);
                    principalInfo.EdmSet.AddNavigationTarget(edmNav.Partner, dependentInfo.EdmSet);
                    Register(principalInfo, principalNav, dependentInfo.ClrType, true);
                }
                else
                {
                    var edmNav = dependentInfo.EdmType.AddUnidirectionalNavigation(depInfo);
                    dependentInfo.EdmSet.AddNavigationTarget(edmNav, principalInfo.EdmSet);
                }
                Register(dependentInfo, dependentNav, principalInfo.ClrType, false);
            }
        }

        foreach (var info in _byName.Values)
        {
            model.SetOptimisticConcurrencyAnnotation(info.EdmSet, [(IEdmStructuralProperty)info.EdmType.FindProperty("Version")]);
            Describe(model, info.EdmType.FindProperty("Version"), "Goes up by one with each change; the ETag of the record.");
        }
        Describe(model, _byName["Persons"].EdmType.FindProperty("Cpr"),
            "CPR number (DDMMYY-SSSS). Confidential: only returned when selected explicitly with $select.");
        Describe(model, _byName["Persons"].EdmType.FindProperty("BirthDate"), "Derived from the CPR number; read-only.");
        Describe(model, _byName["Placements"].EdmType.FindProperty("EndDate"),
            "Exclusive: the last night is EndDate − 1. Null while the stay is ongoing.");

        foreach (var complex in ComplexTypes)
        {
            var edm = new EdmComplexType(Namespace, complex.Name);
            var props = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
            var nullability = new System.Reflection.NullabilityInfoContext();
            foreach (var p in complex.GetProperties())
            {
                // Nullable as the C# declares it: int? and string? are, int and string are not.
                var nullable = p.PropertyType.IsValueType
                    ? Nullable.GetUnderlyingType(p.PropertyType) is not null
                    : nullability.Create(p).ReadState == System.Reflection.NullabilityState.Nullable;
                edm.AddStructuralProperty(p.Name, EdmTypeOf(model, p.PropertyType, nullable));
                props[p.Name] = p;
            }
            model.AddElement(edm);
            _complex[complex] = (edm, props);
        }

        foreach (var function in Functions)
        {
            var bound = _byName[function.EntitySet];
            var returns = new EdmCollectionTypeReference(new EdmCollectionType(new EdmComplexTypeReference(_complex[function.Returns].Edm, false)));
            var edm = new EdmFunction(Namespace, function.Name, returns, isBound: true, entitySetPathExpression: null, isComposable: false);
            edm.AddParameter("bindingParameter", function.BoundToCollection
                ? new EdmCollectionTypeReference(new EdmCollectionType(new EdmEntityTypeReference(bound.EdmType, false)))
                : new EdmEntityTypeReference(bound.EdmType, false));
            foreach (var (name, type, optional) in function.Parameters)
                edm.AddParameter(name, EdmTypeOf(model, type, optional));
            model.AddElement(edm);
        }

        foreach (var action in Actions)
        {
            var bound = _byName[action.EntitySet];
            var returns = _byName[action.ReturnSet ?? action.EntitySet];
            var edm = new EdmAction(Namespace, action.Name, new EdmEntityTypeReference(returns.EdmType, false), isBound: true, entitySetPathExpression: null);
            edm.AddParameter("bindingParameter", action.BoundToCollection
                ? new EdmCollectionTypeReference(new EdmCollectionType(new EdmEntityTypeReference(bound.EdmType, false)))
                : new EdmEntityTypeReference(bound.EdmType, false));
            foreach (var (name, type, optional) in action.Parameters)
                edm.AddParameter(name, EdmTypeOf(model, type, optional));
            model.AddElement(edm);
        }

        Model = model;
    }

    /// <summary>Structured results of functions (OData complex types).</summary>
    public static readonly IReadOnlyList<Type> ComplexTypes =
    [
        typeof(Features.Availability.FacilityAvailability), typeof(Features.Allocation.LongStay),
        typeof(Features.Persons.PersonMatch), typeof(Features.Persons.AccessLogRecord),
    ];

    /// <summary>A function bound to an entity set (or one record of it) that returns a collection of a complex type.</summary>
    public sealed record FunctionDefinition(string EntitySet, string Name, bool BoundToCollection, Type Returns,
        IReadOnlyList<(string Name, Type Type, bool Optional)> Parameters);

    public static readonly IReadOnlyList<FunctionDefinition> Functions =
    [
        new("Facilities", "Availability", true, typeof(Features.Availability.FacilityAvailability), [("date", typeof(LocalDate), false)]),
        new("Persons", "EligiblePlaces", false, typeof(Features.Availability.FacilityAvailability), [("date", typeof(LocalDate), false)]),
        new("Placements", "LongStays", true, typeof(Features.Allocation.LongStay), [("date", typeof(LocalDate), false)]),
        new("Persons", "FindByCpr", true, typeof(Features.Persons.PersonMatch), [("cpr", typeof(string), false)]),
        new("Persons", "AccessLog", false, typeof(Features.Persons.AccessLogRecord), []),
    ];

    private readonly Dictionary<Type, (EdmComplexType Edm, Dictionary<string, PropertyInfo> Properties)> _complex = [];

    public EdmComplexType ComplexType(Type clr) => _complex[clr].Edm;

    /// <summary>The properties of an entity or complex CLR type, by EDM name.</summary>
    public IReadOnlyDictionary<string, PropertyInfo> PropertiesOf(Type clr) =>
        _byType.TryGetValue(clr, out var set) ? set.Properties : _complex[clr].Properties;

    /// <summary>
    /// An action bound to one record of an entity set (answered with the changed record, or one of <c>ReturnSet</c>), or bound to
    /// the whole set (<c>BoundToCollection</c>: answered with the record it made).
    /// </summary>
    public sealed record ActionDefinition(string EntitySet, string Name, IReadOnlyList<(string Name, Type Type, bool Optional)> Parameters,
        string? ReturnSet = null, bool BoundToCollection = false);

    /// <summary>The actions of the service (shared/api.md). Their handlers live with their features.</summary>
    public static readonly IReadOnlyList<ActionDefinition> Actions =
    [
        new("Placements", "Discharge", [("endDate", typeof(LocalDate), false), ("dischargeReason", typeof(DischargeReason), false), ("destination", typeof(Destination), false)]),
        new("Placements", "MarkNotified", [("notifiedOn", typeof(LocalDate), true)]),
        new("Placements", "RenewSupport", [("until", typeof(LocalDate), false)]),
        new("Waitlists", "OfferNext", [("unitId", typeof(int), false)], "Offers"),
        new("Offers", "Accept", [("supportMethod", typeof(SupportMethod), true), ("startDate", typeof(LocalDate), true)], "Placements"),
        new("Offers", "Decline", [("reason", typeof(string), false)]),
        new("Placements", "CheckIn", [("cpr", typeof(string), false), ("unitId", typeof(int), true), ("facilityId", typeof(int), true),
            ("startDate", typeof(LocalDate), true), ("endDate", typeof(LocalDate), true), ("supportMethod", typeof(SupportMethod), true),
            ("exceptionJustification", typeof(string), true), ("referralRoute", typeof(ReferralRoute), true)], BoundToCollection: true),
    ];

    public IEdmModel Model { get; }
    public IEnumerable<EntitySetInfo> EntitySets => _byName.Values;
    public EntitySetInfo this[string name] => _byName[name];
    public EntitySetInfo ForType(Type clr) => _byType[clr];
    public EntitySetInfo ForEdmType(IEdmType type) => _byName.Values.First(i => i.EdmType == type);
    public bool TryGet(string name, out EntitySetInfo info) => _byName.TryGetValue(name, out info!);

    /// <summary>Build the model from a throwaway context: EF's model does not depend on the connection.</summary>
    public static ODataServiceModel Create()
    {
        var options = new DbContextOptionsBuilder<HousingDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new HousingDbContext(options);
        return new ODataServiceModel(db.Model);
    }

    private static void Register(EntitySetInfo owner, INavigation nav, Type target, bool collection) =>
        ((Dictionary<string, NavigationInfo>)owner.Navigations)[nav.Name] = new NavigationInfo(nav.Name, nav.PropertyInfo!, target, collection);

    private static void AddNavigation(EntitySetInfo owner, EntitySetInfo target, INavigation nav)
    {
        var edmNav = owner.EdmType.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
        {
            Name = nav.Name, Target = target.EdmType,
            TargetMultiplicity = nav.IsCollection ? EdmMultiplicity.Many : EdmMultiplicity.ZeroOrOne,
        });
        owner.EdmSet.AddNavigationTarget(edmNav, target.EdmSet);
        Register(owner, nav, target.ClrType, nav.IsCollection);
    }

    private static IEnumerable<IProperty> OrderedProperties(IEntityType efType)
    {
        var declared = efType.ClrType.GetProperties().Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i);
        return efType.GetProperties()
            .Where(p => p.PropertyInfo is not null)
            .OrderBy(p => p.Name == "Id" ? -1 : p.Name == "Version" ? int.MaxValue : declared.GetValueOrDefault(p.Name, 1000));
    }

    private static void Describe(EdmModel model, IEdmProperty? property, string text)
    {
        if (property is null) return;
        var term = CoreVocabularyModel.DescriptionTerm;
        model.SetVocabularyAnnotation(new EdmVocabularyAnnotation(property, term, new EdmStringConstant(text)));
    }

    public IEdmTypeReference EdmTypeOf(EdmModel model, Type clr, bool nullable)
    {
        var type = Nullable.GetUnderlyingType(clr) ?? clr;
        nullable |= Nullable.GetUnderlyingType(clr) is not null;
        if (type.IsEnum) return new EdmEnumTypeReference(EnumType(model, type), nullable);
        var kind = type switch
        {
            _ when type == typeof(int) => EdmPrimitiveTypeKind.Int32,
            _ when type == typeof(long) => EdmPrimitiveTypeKind.Int64,
            _ when type == typeof(bool) => EdmPrimitiveTypeKind.Boolean,
            _ when type == typeof(string) => EdmPrimitiveTypeKind.String,
            _ when type == typeof(CprNumber) => EdmPrimitiveTypeKind.String,
            _ when type == typeof(double) => EdmPrimitiveTypeKind.Double,
            _ when type == typeof(decimal) => EdmPrimitiveTypeKind.Decimal,
            _ when type == typeof(LocalDate) => EdmPrimitiveTypeKind.Date,
            _ when type == typeof(Instant) => EdmPrimitiveTypeKind.DateTimeOffset,
            _ => throw new NotSupportedException($"No EDM type for {type.Name}."),
        };
        return EdmCoreModel.Instance.GetPrimitive(kind, nullable);
    }

    private EdmEnumType EnumType(EdmModel model, Type type)
    {
        if (_enums.TryGetValue(type, out var existing)) return existing;
        var edm = new EdmEnumType(Namespace, type.Name);
        foreach (var value in Enum.GetValues(type))
            edm.AddMember(new EdmEnumMember(edm, value.ToString()!, new EdmEnumMemberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture))));
        model.AddElement(edm);
        return _enums[type] = edm;
    }

    /// <summary>The CLR enum for an EDM enum type name.</summary>
    public Type? ClrEnum(string edmFullName) =>
        _enums.FirstOrDefault(e => e.Value.FullTypeName() == edmFullName).Key;
}
