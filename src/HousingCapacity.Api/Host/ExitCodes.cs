namespace HousingCapacity.Api.Host;

/// <summary>What a command's exit code says (issue 29.6), the same for every command: a script tells a mistake in its own call from a
/// refusal and from a database it cannot reach.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    /// <summary>The work was refused: the data or the keys do not allow it (a database with data, a municipality that exists).</summary>
    public const int Refused = 1;
    /// <summary>The call itself is wrong: an unknown option, a malformed or missing value.</summary>
    public const int Usage = 2;
    /// <summary>The database could not be opened or brought up to date.</summary>
    public const int DatabaseUnavailable = 3;
}
