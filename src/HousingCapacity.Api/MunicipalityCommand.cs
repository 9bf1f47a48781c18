using HousingCapacity.Api.Features.Catalogue;
using HousingCapacity.Api.OData;

namespace HousingCapacity.Api;

/// <summary>
/// <c>dotnet run --project src/HousingCapacity.Api -- municipality --code CODE --name NAME</c>: adds a municipality to the
/// configured database. A municipality's code is its identity in every token, so creating one is the operator's task on the
/// server, not something any Administrator token can do; it is logged in the access log as "system:municipality".
/// </summary>
public static class MunicipalityCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var name = CommandHost.Value(args, "--name");
        if (!int.TryParse(CommandHost.Value(args, "--code"), out var code) || string.IsNullOrWhiteSpace(name))
        {
            Console.Error.WriteLine("Usage: municipality --code CODE --name NAME   (e.g. municipality --code 851 --name Aalborg)");
            return 2;
        }
        return await CommandHost.RunOnDatabaseAsync(args, Caller.System("municipality"), async db =>
        {
            try
            {
                var made = await MunicipalityWriter.NewAsync(db, code, name, CancellationToken.None);
                if (made.Refusal is { } refusal)
                {
                    Console.Error.WriteLine(refusal.MessageEn);
                    return 1;
                }
                var municipality = made.Value;
                db.Add(municipality);
                await db.SaveChangesAsync();
                Console.WriteLine($"Added municipality {municipality.Code} {municipality.Name} (Id {municipality.Id}).");
                return 0;
            }
            catch (RefusedException e)
            {
                Console.Error.WriteLine(e.Refusal.MessageEn);
                return 1;
            }
        });
    }
}
