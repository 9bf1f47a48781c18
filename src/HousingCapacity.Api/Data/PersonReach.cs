using System.Linq.Expressions;

namespace HousingCapacity.Api.Data;

/// <summary>
/// How a kind of record reaches the person it is about: it is the person, it holds the person's id, it reaches a person through
/// another record (an offer through its waitlist entry), or it concerns nobody. Declared once for every record of the EF model
/// (<see cref="PersonReaches"/>); the access log, the answer's persons and a merge of two records of one person read it.
/// </summary>
public abstract class PersonReach
{
    /// <summary>The record's own person, when the record in hand says it (the person itself, or its person column); else null.</summary>
    public abstract int? PersonOf(object record);

    /// <summary>True when <see cref="PersonOf"/> answers from the record alone.</summary>
    public abstract bool InRecord { get; }

    /// <summary>The persons of these records, looked up in the database (records of nobody give none).</summary>
    public abstract Task<IReadOnlyCollection<int>> PersonsOfAsync(HousingDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct);

    /// <summary>The person of one record about to be logged (after its save; a deleted record answers from its own columns).</summary>
    public virtual async Task<int?> PersonOfAsync(HousingDbContext db, Entity record, CancellationToken ct) =>
        InRecord ? PersonOf(record) : (await PersonsOfAsync(db, [record.Id], ct)).Cast<int?>().FirstOrDefault();

    public static PersonReach None { get; } = new Nobody();
    public static PersonReach Self { get; } = new SelfReach();

    /// <summary>The record holds its person's id in <paramref name="personId"/> (null: anonymous). A merge moves it.</summary>
    public static PersonReach Own<T>(Expression<Func<T, int?>> personId) where T : Entity => new OwnReach<T>(personId);

    /// <summary>The record is about the person of another record, which it names by <paramref name="parentId"/>.</summary>
    public static PersonReach Through<T, TParent>(Expression<Func<T, int>> parentId) where T : Entity where TParent : Entity =>
        new ThroughReach<T, TParent>(parentId);

    private sealed class Nobody : PersonReach
    {
        public override int? PersonOf(object record) => null;
        public override bool InRecord => true;
        public override Task<IReadOnlyCollection<int>> PersonsOfAsync(HousingDbContext db, IReadOnlyCollection<int> ids,
            CancellationToken ct) => Task.FromResult<IReadOnlyCollection<int>>([]);
    }

    private sealed class SelfReach : PersonReach
    {
        public override int? PersonOf(object record) => ((Person)record).Id;
        public override bool InRecord => true;
        public override Task<IReadOnlyCollection<int>> PersonsOfAsync(HousingDbContext db, IReadOnlyCollection<int> ids,
            CancellationToken ct) => Task.FromResult(ids);
    }

    /// <summary>A record with its own person column.</summary>
    public abstract class Column : PersonReach
    {
        /// <summary>The property that holds the person's id.</summary>
        public abstract string Property { get; }

        /// <summary>Moves every record of <paramref name="from"/> to <paramref name="to"/> (a merge), bumping their versions.</summary>
        public abstract Task<int> MoveAsync(HousingDbContext db, int from, int to, CancellationToken ct);

        public override bool InRecord => true;
    }

    private sealed class OwnReach<T>(Expression<Func<T, int?>> personId) : Column where T : Entity
    {
        private readonly Func<T, int?> _read = personId.Compile();

        public override string Property { get; } = ((MemberExpression)(personId.Body is UnaryExpression
            { NodeType: ExpressionType.Convert } convert ? convert.Operand : personId.Body)).Member.Name;

        public override int? PersonOf(object record) => _read((T)record);

        public override async Task<IReadOnlyCollection<int>> PersonsOfAsync(HousingDbContext db, IReadOnlyCollection<int> ids,
            CancellationToken ct) =>
            (await db.Unscoped<T>().Where(e => ids.Contains(e.Id)).Select(personId).Where(p => p != null).ToListAsync(ct))
            .Select(p => p!.Value).ToList();

        public override Task<int> MoveAsync(HousingDbContext db, int from, int to, CancellationToken ct) =>
            db.Model.FindEntityType(typeof(T))!.FindProperty(Property)!.ClrType == typeof(int)
                ? db.Unscoped<T>().Where(e => EF.Property<int>(e, Property) == from).ExecuteUpdateAsync(u => u
                    .SetProperty(e => EF.Property<int>(e, Property), to).SetProperty(e => e.Version, e => e.Version + 1), ct)
                : db.Unscoped<T>().Where(e => EF.Property<int?>(e, Property) == from).ExecuteUpdateAsync(u => u
                    .SetProperty(e => EF.Property<int?>(e, Property), to).SetProperty(e => e.Version, e => e.Version + 1), ct);
    }

    private sealed class ThroughReach<T, TParent>(Expression<Func<T, int>> parentId) : PersonReach where T : Entity where TParent : Entity
    {
        private readonly Func<T, int> _read = parentId.Compile();

        public override int? PersonOf(object record) => null;
        public override bool InRecord => false;

        public override async Task<IReadOnlyCollection<int>> PersonsOfAsync(HousingDbContext db, IReadOnlyCollection<int> ids,
            CancellationToken ct)
        {
            var parents = await db.Unscoped<T>().Where(e => ids.Contains(e.Id)).Select(parentId).ToListAsync(ct);
            return await PersonReaches.Of(typeof(TParent)).PersonsOfAsync(db, parents, ct);
        }

        /// <summary>From the record's own reference, so that a deleted record is still logged under its person.</summary>
        public override async Task<int?> PersonOfAsync(HousingDbContext db, Entity record, CancellationToken ct) =>
            (await PersonReaches.Of(typeof(TParent)).PersonsOfAsync(db, [_read((T)record)], ct)).Cast<int?>().FirstOrDefault();
    }
}
