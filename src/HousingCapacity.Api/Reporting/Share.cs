namespace HousingCapacity.Api.Reporting;

/// <summary>A share as a fraction (0.4194 for 41.94 %), so that a spreadsheet can show it as a percentage and still compute
/// with it.</summary>
public readonly record struct Share(double Fraction)
{
    public static Share? Of(double? fraction) => fraction is { } f ? new Share(f) : null;
}
