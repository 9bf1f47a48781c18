using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.Options;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>
/// What every entity set answers: the collection, a record by key, its navigation paths and properties (routed here by
/// <see cref="HousingRoutingConvention"/>), and — when the set has a writer — POST, PATCH, PUT and DELETE with
/// If-Match. Which records a caller sees is the database context's query filters; which it may change is checked on save.
/// </summary>
public abstract class EntitySetController<T>(IEntitySetWriter? writer = null) : ODataController where T : Entity
{
    protected HousingDbContext Db => HttpContext.RequestServices.GetRequiredService<HousingDbContext>();
    protected IClock Clock => HttpContext.RequestServices.GetRequiredService<IClock>();
    protected Caller Caller => Db.Scope.Current;
    protected WriteContext WriteContext => new(Clock, Caller.Name, HttpContext.RequestAborted);
    private DateWindow Dates => HttpContext.RequestServices.GetRequiredService<IOptions<DateWindow>>().Value;
    private ODataLimits Limits => HttpContext.RequestServices.GetRequiredService<IOptions<ODataLimits>>().Value;
    private string SetName => Request.ODataFeature().Path.FirstSegment.Identifier;

    [HousingQuery]
    // Reads are not tracked: nothing changes them, and the access log's save need not look at them.
    public IQueryable<T> Get() => Db.Set<T>().AsNoTracking();

    [HousingQuery]
    public SingleResult<T> Get(int key) => SingleResult.Create(Db.Set<T>().AsNoTracking().Where(e => e.Id == key));

    /// <summary><c>Set(key)/Navigation</c> and <c>Set(key)/Navigation/$count</c>.</summary>
    [HousingQuery]
    public async Task<IActionResult> GetNavigation(int key)
    {
        var segment = Request.ODataFeature().Path.OfType<NavigationPropertySegment>().Single();
        if (!await Db.Set<T>().AnyAsync(e => e.Id == key, HttpContext.RequestAborted)) throw NotFound();
        var navigation = typeof(T).GetProperty(segment.NavigationProperty.Name)!;
        var source = Db.Set<T>().AsNoTracking().Where(e => e.Id == key);
        var p = Expression.Parameter(typeof(T), "e");
        var access = Expression.Property(p, navigation);
        if (segment.NavigationProperty.Type.IsCollection())
        {
            var element = navigation.PropertyType.GetGenericArguments()[0];
            var selector = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(T), typeof(IEnumerable<>).MakeGenericType(element)),
                access, p);
            return Ok(source.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.SelectMany), [typeof(T), element],
                source.Expression, Expression.Quote(selector))));
        }
        var single = (IQueryable)source.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(T),
            navigation.PropertyType],
            source.Expression, Expression.Quote(Expression.Lambda(access, p))));
        var q = Expression.Parameter(navigation.PropertyType, "t");
        single = single.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Where), [navigation.PropertyType],
            single.Expression,
            Expression.Quote(Expression.Lambda(Expression.NotEqual(q, Expression.Constant(null, navigation.PropertyType)), q))));
        // An empty single-valued navigation (a stay with no unit, say) is 204, the record missing is 404.
        if (!single.Cast<object>().Any()) return NoContent();
        return Ok(typeof(SingleResult).GetMethod(nameof(SingleResult.Create))!.MakeGenericMethod(navigation.PropertyType).Invoke(null,
            [single]));
    }

    /// <summary>
    /// <c>Set(key)/Navigation/Property</c> (a single-valued navigation, <c>Units(1)/Facility/Name</c>) and its <c>/$value</c>: one
    /// property of the related record, read through the same query filters as the record itself.
    /// </summary>
    public async Task<IActionResult> GetNavigationProperty(int key)
    {
        var path = Request.ODataFeature().Path;
        var navigation = path.OfType<NavigationPropertySegment>().Single().NavigationProperty;
        var property = path.OfType<PropertySegment>().Single().Property;
        if (property.Name == Privacy.CprProperty && navigation.ToEntityType().Name == nameof(Person)) throw RestrictedProperty();
        var entity = await Db.Set<T>().SingleOrDefaultAsync(e => e.Id == key, HttpContext.RequestAborted) ?? throw NotFound();
        var reference = Db.Entry(entity).Reference(navigation.Name);
        await reference.LoadAsync(HttpContext.RequestAborted);
        if (reference.CurrentValue is not { } related) throw NotFound();
        var persons = HttpContext.RequestServices.GetRequiredService<PersonsInResponse>();
        persons.Saw(entity);
        persons.Saw((Entity)related);
        return Ok(related.GetType().GetProperty(property.Name)!.GetValue(related));
    }

    /// <summary><c>Set(key)/Property</c>: one property's value.</summary>
    public async Task<IActionResult> GetProperty(int key)
    {
        var segment = Request.ODataFeature().Path.OfType<PropertySegment>().Single();
        if (segment.Property.Name == Privacy.CprProperty && typeof(T) == typeof(Person)) throw RestrictedProperty();
        var entity = await Db.Set<T>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == key, HttpContext.RequestAborted)
            ?? throw NotFound();
        HttpContext.RequestServices.GetRequiredService<PersonsInResponse>().Saw(entity);
        return Ok(typeof(T).GetProperty(segment.Property.Name)!.GetValue(entity));
    }

    public async Task<IActionResult> Post()
    {
        var setWriter = Writable(() => true);
        var values = await BodyReader.ReadAsync(Request, EdmType, setWriter.Insertable, null, replace: false, Limits.MaxRequestBodyBytes);
        Dates.Ensure(typeof(T), values, DanishTime.Today(Clock));
        if (setWriter is IChecksBeforeTheLock early)
            return Answer(await early.CreateCheckedAsync(Db, values, WriteContext), record => Created((T)record));
        var outcome = await Db.WriteAsync(async () => (await setWriter.CreateAsync(Db, values, WriteContext)).Then(made =>
        {
            if (made.Created) Db.Add(made.Entity);
            return made;
        }), HttpContext.RequestAborted);
        return Answer(outcome, made =>
        {
            Response.Headers.ETag = VersionETagHandler.Of(made.Entity);
            if (made.Created) return Created((T)made.Entity);
            Response.Headers.Location = new Uri(new Uri(Request.CreateODataLink()), $"{SetName}({made.Entity.Id})").ToString();
            return Ok(made.Entity);
        });
    }

    public Task<IActionResult> Patch(int key) => UpdateAsync(key, replace: false);

    public Task<IActionResult> Put(int key) => UpdateAsync(key, replace: true);

    public async Task<IActionResult> Delete(int key)
    {
        Writable(() => writer!.AllowsDelete);
        var entity = await FindAsync(key);
        CheckIfMatch(entity);
        Db.Remove(entity);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return NoContent();
    }

    private async Task<IActionResult> UpdateAsync(int key, bool replace)
    {
        var setWriter = Writable(() => writer!.AllowsUpdate);
        var outcome = await Db.WriteAsync(async Task<Outcome<T>> () =>
        {
            var current = await FindAsync(key);
            CheckIfMatch(current);
            var values = await BodyReader.ReadAsync(Request, EdmType, setWriter.Updatable, current, replace, Limits.MaxRequestBodyBytes);
            Dates.Ensure(typeof(T), values, DanishTime.Today(Clock));
            return await setWriter.UpdateAsync(Db, current, values, WriteContext) is { } refusal ? refusal : current;
        }, HttpContext.RequestAborted);
        return Answer(outcome, Updated);
    }

    private IEdmStructuredType EdmType => (IEdmStructuredType)Request.GetModel()
        .FindDeclaredType($"{HousingModel.Namespace}.{typeof(T).Name}")!;

    /// <summary>A method the set never allows is 405 for everyone; one it allows needs a role that may write to the set (403).</summary>
    private IEntitySetWriter Writable(Func<bool> allows)
    {
        if (writer is null)
            throw MethodNotAllowed($"{SetName} kan kun læses her; de oprettes og ændres gennem deres arbejdsgange.",
                $"{SetName} are read-only here; they are created and changed through their workflows.");
        if (!allows())
            throw MethodNotAllowed(
                $"{SetName} kan ikke ændres eller slettes direkte; brug deres handlinger (fx HousingCapacity.Discharge).",
                $"{SetName} cannot be changed or deleted directly; use their actions (e.g. HousingCapacity.Discharge).");
        if (Request.Query.Keys.Any(k => k.StartsWith('$') && k != "$format"))
            throw ODataProblem.BadRequest("InvalidQueryOption", "Forespørgselsparametre kan ikke bruges ved skrivning.",
                "Query options cannot be used with a write.");
        AccessPolicy.EnsureMayWrite(Caller, SetName);
        return writer;
    }

    private ODataProblem MethodNotAllowed(string da, string en)
    {
        Response.Headers.Allow = "GET";
        return new ODataProblem(405, "MethodNotAllowed", da, en);
    }

    protected async Task<T> FindAsync(int key) =>
        await Db.Set<T>().SingleOrDefaultAsync(e => e.Id == key, HttpContext.RequestAborted) ?? throw NotFound();

    /// <summary>A person's CPR number is read only with $select, never as a property path of its own.</summary>
    private static ODataProblem RestrictedProperty() => new(403, "RestrictedProperty", "Egenskaben kan kun hentes med $select.",
        "This property can only be read with $select.");

    protected static new ODataProblem NotFound() => ODataProblem.NotFound("Posten findes ikke.", "The record does not exist.");

    /// <summary>If-Match: a stale ETag is 412 (another has changed the record since the caller read it).</summary>
    protected void CheckIfMatch(Entity entity)
    {
        var header = Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return;
        var current = VersionETagHandler.Of(entity);
        if (!header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(tag => tag == current
            || "W/" + tag == current))
            throw new ODataProblem(412, "PreconditionFailed",
                "Posten er ændret af en anden siden du hentede den (ETag passer ikke). Hent den igen og prøv på ny.",
                "The record has been changed since you read it (the ETag does not match). Read it again and retry.");
    }

    /// <summary>
    /// Runs an action bound to one record in one write transaction (If-Match honoured) and answers with the record it returns, or
    /// with the refusal the action's workflow returns (the write then rolled back).
    /// </summary>
    protected async Task<IActionResult> ActAsync<TRecord>(int key, Func<T, Task<Outcome<TRecord>>> act) where TRecord : Entity =>
        Answer(await Db.WriteAsync(async () =>
        {
            var entity = await FindAsync(key);
            CheckIfMatch(entity);
            return await act(entity);
        }, HttpContext.RequestAborted), record => Ok(record));

    protected Task<IActionResult> ActAsync(int key, Func<T, Task<Entity>> act) =>
        ActAsync(key, async Task<Outcome<Entity>> (e) => await act(e));

    protected Task<IActionResult> ActAsync(int key, Action<T> act) => ActAsync(key, e =>
    {
        act(e);
        return Task.FromResult<Entity>(e);
    });

    /// <summary>
    /// The one place a controller turns a workflow's outcome into its answer: a refusal becomes its OData error (status, code, Danish
    /// and English, the field, each broken rule); a record written gets its ETag header and <paramref name="answer"/>.
    /// </summary>
    protected IActionResult Answer<TResult>(Outcome<TResult> outcome, Func<TResult, IActionResult> answer)
    {
        if (outcome.Refusal is { } refusal) return new ODataProblemResult(ODataProblem.From(refusal));
        if (outcome.Value is Entity record) Response.Headers.ETag = VersionETagHandler.Of(record);
        return answer(outcome.Value);
    }

    /// <summary>A required action or function parameter: absent or null is a 400 naming it.</summary>
    protected static TValue Required<TValue>(TValue? value, string name) where TValue : struct =>
        value ?? throw ODataProblem.BadRequest("MissingParameter", $"Parameteren {name} skal angives.",
            $"The parameter {name} is required.", name);

    protected static string Required(string? value, string name) =>
        value ?? throw ODataProblem.BadRequest("MissingParameter", $"Parameteren {name} skal angives.",
            $"The parameter {name} is required.", name);
}
