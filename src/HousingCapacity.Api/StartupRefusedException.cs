namespace HousingCapacity.Api;

/// <summary>
/// The configuration does not allow the app to start (a public development key outside Development, a missing key, a
/// provider that is not supported). Program.cs writes the message as one line and exits with code 1.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message);
