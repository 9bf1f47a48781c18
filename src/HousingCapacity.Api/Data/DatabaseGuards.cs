using Microsoft.Data.Sqlite;
using Npgsql;

namespace HousingCapacity.Api.Data;

/// <summary>
/// The database's own refusals (constraint violations: SQLite error 19, PostgreSQL SQLSTATE class 23), as the answers the API
/// gives for the same rule when it sees it first. The guard triggers (SQLite's 0003, 0007, 0008; PostgreSQL's 0002) name their
/// rule at the start of their message.
/// </summary>
public static class DatabaseGuards
{
    /// <summary>The refusal of a failed save: a stale version, a rule the database refused, the database busy or full; else null.</summary>
    public static Refusal? Classify(Exception exception) => IsDiskFull(exception) ? DiskFull
        : IsUnavailable(exception) ? UnavailableNow() : exception switch
    {
        DbUpdateConcurrencyException => new Refusal(RefusalKind.Changed, "PreconditionFailed",
            "Posten blev ændret af en anden samtidig. Hent den igen og prøv på ny.",
            "The record was changed by someone else at the same time. Read it again and retry."),
        DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19 } sqlite } => RefusalOf(sqlite),
        SqliteException { SqliteErrorCode: 19 } sqlite => RefusalOf(sqlite),
        DbUpdateException { InnerException: PostgresException { SqlState: [ '2', '3', ..] } postgres } => RefusalOf(postgres),
        PostgresException { SqlState: ['2', '3', ..] } postgres => RefusalOf(postgres),
        InvalidOperationException { InnerException: PostgresException { SqlState: ['2', '3', ..] } postgres } => RefusalOf(postgres),
        _ => null,
    };

    /// <summary>
    /// The database could not answer just now (PostgreSQL unreachable, restarting or out of connections; SQLite still locked by
    /// another process after the busy timeout): 503, and the next request tries again on a fresh connection.
    /// </summary>
    private static bool IsUnavailable(Exception exception) =>
        PostgreSqlFaults.IsUnavailable(exception)
        || exception is TimeoutException || exception.InnerException is TimeoutException
        || exception is SqliteException { SqliteErrorCode: 5 or 6 }
        || exception.InnerException is SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>
    /// 503, and PostgreSQL's pooled connections dropped: after the server went away they are all dead, and each would fail one
    /// more request when next used. The next request connects afresh, so the API recovers as soon as the server is back.
    /// </summary>
    private static Refusal UnavailableNow()
    {
        NpgsqlConnection.ClearAllPools();
        return Unavailable;
    }

    /// <summary>
    /// The disk under the database (or under the answers being buffered) is full: SQLite's SQLITE_FULL, PostgreSQL's disk_full
    /// (53100), an I/O error "no space left on device" (issue 23: a 500 InternalError). Nothing was saved: the write's transaction
    /// did not commit.
    /// </summary>
    private static bool IsDiskFull(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is SqliteException { SqliteErrorCode: 13 } or PostgresException { SqlState: PostgresErrorCodes.DiskFull }
                || exception is IOException io && (io.HResult is 28 or 112 or unchecked((int)0x80070070)
                    || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)))
                return true;
        return false;
    }

    public static Refusal DiskFull => new(RefusalKind.Unavailable, "DiskFull",
        "Der er ikke plads på serverens disk, så intet kan gemmes lige nu. Intet er ændret. Kommunens IT-afdeling skal frigøre plads.",
        "The server's disk is full, so nothing can be saved just now. Nothing was changed. The municipality's IT department must free " +
            "space.")
    {
        RetryAfter = TimeSpan.FromMinutes(1),
    };

    public static Refusal Unavailable => new(RefusalKind.Unavailable, "DatabaseUnavailable",
        "Databasen kan ikke nås lige nu (den er optaget eller utilgængelig). Intet er ændret; prøv igen om lidt.",
        "The database cannot be reached just now (it is busy or unavailable). Nothing was changed; try again shortly.")
    {
        RetryAfter = TimeSpan.FromSeconds(5),
    };

    public static Refusal RefusalOf(SqliteException sqlite) =>
        // SQLITE_CONSTRAINT_FOREIGNKEY; the extended code is not always set on the exception, SQLite's message always is.
        RefusalOf(sqlite.Message, sqlite.SqliteExtendedErrorCode == 787
            || sqlite.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal));

    /// <summary>
    /// An integrity error of PostgreSQL (SQLSTATE class 23): the guards of migration 0002 name their rule as SQLite's do, and the
    /// exclusion constraint on a person's stays is the same refusal as SQLite's PersonAlreadyPlaced trigger.
    /// </summary>
    public static Refusal RefusalOf(PostgresException postgres) =>
        postgres.SqlState == PostgresErrorCodes.ExclusionViolation && postgres.ConstraintName == "EX_Placements_PersonAlreadyPlaced"
            ? RefusalOf("PersonAlreadyPlaced: the person has another stay in this period", false)
            : RefusalOf(postgres.MessageText, postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation);

    private static Refusal RefusalOf(string message, bool foreignKey)
    {
        string? Guard(params string[] codes) => codes.FirstOrDefault(c => message.Contains(c + ":", StringComparison.Ordinal));
        if (Guard("UnitDoubleBooked", "PersonAlreadyPlaced") is { } booking)
            return Refusal.Conflict(booking, "Pladsen blev taget i samme øjeblik; der er ingen ledig seng til denne periode.",
                "The place was taken at the same moment; there is no free bed for this period.") with
            {
                Details = [Refusal.Conflict(booking, "Databasen afviste en overbooking.", "The database refused an over-booking.")],
            };
        if (Guard("ExtraBedsClosed") is { } closed)
            return Refusal.Conflict(closed,
                "De ekstra senge er ikke åbne alle opholdets nætter (de blev måske lukket i samme øjeblik).",
                "The extra beds are not open on every night of the stay (they may have been closed at the same moment).", "UnitId");
        if (Guard("ExtraBedsInUse") is { } inUse)
            return Refusal.Conflict(inUse, "Nogen har fået en af de ekstra senge i en nat, der skulle lukkes. Intet er ændret.",
                "Someone has been given one of the extra beds on a night that would close. Nothing was changed.", "lastNight");
        if (Guard("UnitOverCapacity", "UnitOccupied") is { } unit)
            return new Refusal(RefusalKind.Conflict, unit, "Enheden har beboere eller bookinger, der ikke længere ville være plads til.",
                "The unit has stays or bookings there would no longer be room for.", "Beds");
        if (Guard("MunicipalityCodeImmutable") is { } code)
            return Refusal.Invalid(code, "En kommunes kode kan ikke ændres.", "A municipality's code cannot be changed.", "Code");
        if (Guard("InvalidDate") is { } date)
            return Refusal.Invalid(date, "En dato eller et tidspunkt har en ugyldig form.", "A date or time has an invalid form.");
        if (Guard("AccessLogAppendOnly") is { } log)
            return new Refusal(RefusalKind.Forbidden, log, "Adgangsloggen kan ikke ændres.", "The access log cannot be changed.");
        return foreignKey
            ? new Refusal(RefusalKind.Conflict, "InUse", "Posten bruges af andre poster og kan ikke slettes eller ændres sådan.",
                "The record is referenced by other records and cannot be deleted or changed that way.")
            : new Refusal(RefusalKind.Conflict, "Conflict", "Ændringen strider mod en entydighedsregel eller en anden databaseregel.",
                "The change conflicts with a uniqueness or other database rule.");
    }
}
