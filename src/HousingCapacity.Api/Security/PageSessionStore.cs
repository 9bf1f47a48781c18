using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace HousingCapacity.Api.Security;

/// <summary>
/// The pages' sessions, kept on the server: the cookie carries only a random key. Signing out removes the session, so a copy of
/// the cookie is worthless afterwards (a cookie that carried the whole ticket would stay valid until it expired). Sessions live in
/// this process's memory: a restart signs everyone out, and each API process has its own.
/// </summary>
public sealed class PageSessionStore(IMemoryCache cache) : ITicketStore
{
    private const string Prefix = "page-session:";

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Put(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Put(key, ticket);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(Prefix + key, out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(Prefix + key);
        return Task.CompletedTask;
    }

    private void Put(string key, AuthenticationTicket ticket) =>
        cache.Set(Prefix + key, ticket, new MemoryCacheEntryOptions
        {
            AbsoluteExpiration = ticket.Properties.ExpiresUtc ?? DateTimeOffset.UtcNow.AddMinutes(20),
            Size = 1,
        });
}
