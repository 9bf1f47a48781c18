using Microsoft.IdentityModel.Tokens;

namespace HousingCapacity.Api;

/// <summary>
/// <c>dotnet run --project src/HousingCapacity.Api -- token --role ROLE --municipality CODE [--facility ID]... [--user NAME]
/// [--hours N]</c>: prints a bearer token signed with the configured key (in Development the public development key), as the
/// municipality's identity provider would issue it. Outside Development it needs a configured signing key.
/// </summary>
public static class TokenCommand
{
    public static int Run(string[] args)
    {
        var configuration = CommandHost.Configuration([]);
        var options = configuration.GetSection("Authentication").Get<AuthenticationOptions>() ?? new AuthenticationOptions();

        string? Value(string name) => CommandHost.Value(args, name);
        var roleText = Value("--role");
        if (!Enum.TryParse<Role>(roleText, ignoreCase: true, out var role) || !Enum.IsDefined(role)
            || !int.TryParse(Value("--municipality"), out var code))
        {
            Console.Error.WriteLine($"Usage: token --role {string.Join("|", Enum.GetNames<Role>())} --municipality CODE [--facility " +
                "ID]... [--user NAME] [--hours N]");
            Console.Error.WriteLine("Example: token --role ShelterStaff --municipality 175 --facility 3");
            return 2;
        }
        var facilities = args.Select((a, i) => (a, i)).Where(x => x.a == "--facility" && x.i + 1 < args.Length)
            .Select(x => int.TryParse(args[x.i + 1], out var id) ? id : -1).ToList();
        if (facilities.Any(f => f <= 0) || role == Role.ShelterStaff && facilities.Count == 0)
        {
            Console.Error.WriteLine("ShelterStaff needs at least one --facility ID (a Facilities Id); ids are positive whole numbers.");
            return 2;
        }

        IReadOnlyList<SecurityKey> keys;
        try
        {
            keys = Authentication.SigningKeys(options, CommandHost.IsDevelopment);
        }
        catch (StartupRefusedException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        if (keys.Count == 0)
        {
            Console.Error.WriteLine("Tokens come from the identity provider (Authentication:Authority); this API has no key to sign with.");
            return 1;
        }
        var hours = int.TryParse(Value("--hours"), out var h) && h > 0 ? h : options.TokenHours;
        var user = Value("--user") ?? $"{role.ToString().ToLowerInvariant()}-{code}";
        Console.WriteLine(Authentication.IssueToken(options, keys[0], user, role, code, facilities, DateTime.UtcNow,
            TimeSpan.FromHours(hours)));
        return 0;
    }
}
