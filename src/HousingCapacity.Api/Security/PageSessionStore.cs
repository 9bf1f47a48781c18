using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace HousingCapacity.Api.Security;

/// <summary>
/// The pages' sessions, kept on the server: the cookie carries only a random key. Signing out removes the session, so a copy of
/// the cookie is worthless afterwards (a cookie that carried the whole ticket would stay valid until it expired).
/// On SQLite (one API process) they live in this process's memory: a restart signs everyone out. On PostgreSQL they live in
/// the table PageSessions (schema version 3), so that every API process on the database knows them and a restart signs nobody
/// out: the row is keyed by the SHA-256 of the cookie's key (a reader of the database cannot make a cookie), and the ticket is
/// protected with the data protection keys the processes share.
/// </summary>
public sealed class PageSessionStore(IMemoryCache cache, DatabaseOptions database, IDataProtectionProvider protection) : ITicketStore
{
    private const string Prefix = "page-session:";
    private readonly IDataProtector _protector = protection.CreateProtector("HousingCapacity.PageSessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        if (!database.IsPostgreSql)
        {
            Put(key, ticket);
            return key;
        }
        // A sign-in also clears the sessions that have run out (cheap: an index range).
        await ExecuteAsync("""
            DELETE FROM "PageSessions" WHERE "ExpiresAt" < now();
            INSERT INTO "PageSessions" ("KeyHash", "Ticket", "ExpiresAt") VALUES (@key, @ticket, @expires)
            """, key, ticket);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        if (!database.IsPostgreSql)
        {
            Put(key, ticket);
            return;
        }
        await ExecuteAsync("""UPDATE "PageSessions" SET "Ticket" = @ticket, "ExpiresAt" = @expires WHERE "KeyHash" = @key""",
            key, ticket);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!database.IsPostgreSql) return cache.TryGetValue(Prefix + key, out AuthenticationTicket? ticket) ? ticket : null;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            """SELECT "Ticket" FROM "PageSessions" WHERE "KeyHash" = @key AND "ExpiresAt" > now()""", connection);
        select.Parameters.AddWithValue("key", Hash(key));
        if (await select.ExecuteScalarAsync() is not byte[] stored) return null;
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            return null; // protected with keys this process does not have: not a session here
        }
    }

    public async Task RemoveAsync(string key)
    {
        if (!database.IsPostgreSql)
        {
            cache.Remove(Prefix + key);
            return;
        }
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("""DELETE FROM "PageSessions" WHERE "KeyHash" = @key""", connection);
        delete.Parameters.AddWithValue("key", Hash(key));
        await delete.ExecuteNonQueryAsync();
    }

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket) =>
        ticket.Properties.ExpiresUtc ?? DateTimeOffset.UtcNow.AddMinutes(20);

    private void Put(string key, AuthenticationTicket ticket) =>
        cache.Set(Prefix + key, ticket, new MemoryCacheEntryOptions
        {
            AbsoluteExpiration = ExpiresAt(ticket),
            Size = 1,
        });

    private async Task ExecuteAsync(string sql, string key, AuthenticationTicket ticket)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", Hash(key));
        command.Parameters.AddWithValue("ticket", _protector.Protect(TicketSerializer.Default.Serialize(ticket)));
        command.Parameters.AddWithValue("expires", ExpiresAt(ticket).ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
