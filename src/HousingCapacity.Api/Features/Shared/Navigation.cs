namespace HousingCapacity.Api.Features.Shared;

/// <summary>The menu of each role: its own pages only.</summary>
public static class Navigation
{
    public static IReadOnlyList<(string Href, string Text)> For(Role role) => role switch
    {
        Role.ShelterStaff =>
        [
            ("/personale", "Nattens tavle"), ("/personale/tjek-ind", "Tjek ind"), ("/personale/afvisning", "Afvisning"),
            ("/personale/enheder", "Enheder"), ("/personale/danmarks-statistik", "Danmarks Statistik"),
        ],
        Role.HousingOfficer =>
        [
            ("/sagsbehandler", "Find person"), ("/sagsbehandler/overgange", "Overgange"),
            ("/sagsbehandler/underretninger", "Underretninger"),
            ("/sagsbehandler/lange-ophold", "Lange ophold"), ("/sagsbehandler/ventelister", "Ventelister"),
            ("/sagsbehandler/reservationer", "Reservationer"),
            ("/sagsbehandler/unge-undtagelser", "Unge-undtagelser"), ("/sagsbehandler/danmarks-statistik", "Danmarks Statistik"),
        ],
        Role.Committee => [("/udvalg", "Månedsrapport")],
        Role.Administrator =>
        [
            ("/administration", "Tilbud og enheder"), ("/administration/import", "Import af kapacitet"),
            ("/administration/ungepolitik", "Politik for unge"),
        ],
        _ => [],
    };

    public static string Home(Role role) => For(role)[0].Href;

    public static string RoleName(Role role) => role switch
    {
        Role.ShelterStaff => "Personale",
        Role.HousingOfficer => "Boligsagsbehandler",
        Role.Committee => "Udvalgsmedlem",
        Role.Administrator => "Administrator",
        _ => role.ToString(),
    };
}
