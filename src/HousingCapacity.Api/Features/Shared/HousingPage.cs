using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>
/// A page: it calls the same feature services the API's controllers call, in-process, under the same caller (the session's), so
/// the query filters, write scope, placement rules and access log are the API's own. A refusal is shown next to the field it
/// concerns, in Danish, with what the user typed kept (the form is rendered again from the posted values).
/// </summary>
public abstract class HousingPage : PageModel
{
    protected HousingDbContext Db => HttpContext.RequestServices.GetRequiredService<HousingDbContext>();
    protected IClock Clock => HttpContext.RequestServices.GetRequiredService<IClock>();
    public Caller Caller => HttpContext.RequestServices.GetRequiredService<CallerScope>().Current;

    /// <summary>The signed-in user's municipality by name, for the page's header ("Rødovre Kommune", not "kommune 175").</summary>
    public async Task<string?> MunicipalityNameAsync() => Caller.MunicipalityId is { } id
        ? await Db.Municipalities.Where(m => m.Id == id).Select(m => m.Name).FirstOrDefaultAsync(HttpContext.RequestAborted)
        : null;
    public LocalDate Today => DanishTime.Today(Clock);
    /// <summary>The night it is now, named by the date it began: until the morning hour, the night that began yesterday evening.</summary>
    public LocalDate Tonight => DanishTime.Night(Clock,
        HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlacementPolicy>>().Value.NightEndsAtHour);
    protected WriteContext WriteContext => new(Clock, Caller.Name, HttpContext.RequestAborted);

    /// <summary>The page's title: the heading, the window's title and the purpose the access log keeps.</summary>
    public abstract string Title { get; }

    /// <summary>The purpose the access log keeps for the page's reads: its title, unless the title names a person.</summary>
    public virtual string Purpose => Title;

    /// <summary>A confirmation after a write (shown once, after the redirect).</summary>
    [TempData] public string? Done { get; set; }

    /// <summary>The refusal of the last write, if any (its status is the page's status).</summary>
    public Refusal? Refusal { get; private set; }

    /// <summary>The person whose data this answer shows: written to the access log before the page leaves (PageAccessLogFilter).</summary>
    protected void Shows(int personId) => HttpContext.RequestServices.GetRequiredService<PersonsInResponse>().Saw(personId);

    protected void Shows(IEnumerable<int> personIds)
    {
        foreach (var id in personIds) Shows(id);
    }

    /// <summary>
    /// One write as the API makes it: a transaction from the first read to the save. A refusal (a rule, a scope, a database guard)
    /// leaves nothing behind, and its messages are put on the form's fields: <paramref name="fields"/> maps the API's target names
    /// (e.g. "ExceptionJustification") to the form's (e.g. "Input.Justification"); a target not mapped goes to the top.
    /// </summary>
    protected Task<T?> WriteAsync<T>(Func<Task<Outcome<T>>> write, IReadOnlyDictionary<string, string>? fields = null) where T : class =>
        AttemptAsync(() => Db.WriteAsync(write, HttpContext.RequestAborted), fields);

    /// <summary>A write whose workflow cannot refuse but by throwing (an entity's invariant, the write scope on save).</summary>
    protected Task<T?> WriteAsync<T>(Func<Task<T>> write, IReadOnlyDictionary<string, string>? fields = null) where T : class =>
        WriteAsync(async () => (Outcome<T>)await write(), fields);

    /// <summary>
    /// The one place a page turns a workflow's outcome into its answer: the result, or null with the refusal shown on the form
    /// (<see cref="Refuse"/>). A refusal thrown where it could not be returned (<see cref="ExpectedRefusal"/>) is shown the same way;
    /// the database out of reach, or anything unexpected, is the error page. Runs a workflow that keeps its own transaction (the
    /// capacity import) as it is.
    /// </summary>
    protected async Task<T?> AttemptAsync<T>(Func<Task<Outcome<T>>> work, IReadOnlyDictionary<string, string>? fields = null)
        where T : class
    {
        Outcome<T> outcome;
        try
        {
            outcome = await work();
        }
        catch (Exception e) when (e is not OperationCanceledException
                                  && ExpectedRefusal.Of(e) is { Kind: not RefusalKind.Unavailable } refusal)
        {
            Db.ChangeTracker.Clear();
            outcome = refusal;
        }
        if (outcome.Refusal is not { } refused) return outcome.Value;
        Db.ChangeTracker.Clear();
        Refuse(refused, fields);
        return null;
    }

    /// <summary>
    /// Creates a record through its entity set's writer from the same typed record POST /odata/{set} reads its body into
    /// (inside <see cref="WriteAsync{T}"/>).
    /// </summary>
    protected async Task<Outcome<Entity>> CreateAsync<TNew>(ICreatesFrom<TNew> writer, TNew record) =>
        (await writer.CreateAsync(Db, record, WriteContext)).Then(made =>
        {
            if (made.Created) Db.Add(made.Entity);
            return made.Entity;
        });

    /// <summary>
    /// Where a refusal of a command's workflow goes on a page that binds the command as <paramref name="property"/>: a target
    /// naming one of the command's parameters goes to that field, and <paramref name="others"/> place what the command does not
    /// hold (e.g. the fields of someone registered with it).
    /// </summary>
    protected static IReadOnlyDictionary<string, string> FieldsOf<TCommand>(string property, params (string Target, string Field)[] others)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // A page whose own properties are named as the record's (property ""): each target to the field of its name.
        foreach (var parameter in ActionCommands.Of(typeof(TCommand)))
            fields[parameter.Name] = property.Length == 0 ? parameter.Info.Name! : $"{property}.{parameter.Info.Name}";
        foreach (var (target, field) in others) fields[target] = field;
        return fields;
    }

    /// <summary>Shows a refusal on the form: each detail next to its field, and the page answers with the refusal's status.</summary>
    protected void Refuse(Refusal problem, IReadOnlyDictionary<string, string>? fields = null)
    {
        Refusal = problem;
        Response.StatusCode = Host.HttpStatus.Of(problem.Kind);
        string Field(string? target) => target is not null && fields is not null
            && fields.FirstOrDefault(f => string.Equals(f.Key, target, StringComparison.OrdinalIgnoreCase)) is { Value: { } field }
            ? field : "";
        // The refusal's own message, then each broken rule next to its field (a rule without a field goes to the top).
        ModelState.AddModelError(Field(problem.Target), Privacy.Scrub(problem.TextDa));
        foreach (var detail in problem.Details.Where(d => d.TextDa != problem.TextDa))
            ModelState.AddModelError(Field(detail.Target), Privacy.Scrub(detail.TextDa));
    }

    /// <summary>A field error of the page's own (a value the form could not read).</summary>
    protected void Invalid(string field, string messageDa)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        ModelState.AddModelError(field, messageDa);
    }
}
