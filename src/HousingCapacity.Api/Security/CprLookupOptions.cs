namespace HousingCapacity.Api.Security;

/// <summary>
/// The budget of look-ups by CPR number per user (appsettings.json, section "CprLookups"). A staff member sees a person as
/// <c>130169-XXXX</c> with their gender, which leaves at most about 3,000 candidate numbers (issue 23): with 30 look-ups in 10
/// minutes, trying them all takes more than 16 hours, longer than a working day, while a door sees far fewer people than that.
/// </summary>
public sealed class CprLookupOptions
{
    /// <summary>Look-ups a user may make in one window (FindByCpr, a check-in or registration by CPR number, the find page).</summary>
    public int PerWindow { get; set; } = 30;
    public int WindowMinutes { get; set; } = 10;
    /// <summary>Look-ups without a match in one window after which the user is logged as a warning (once a window).</summary>
    public int MissesBeforeWarning { get; set; } = 10;
}
