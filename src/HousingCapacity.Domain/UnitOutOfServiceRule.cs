namespace HousingCapacity.Domain;

/// <summary>A unit out of service cannot be allocated, nor extra beds on a night they are not open (<see cref="ExtraBeds"/>).</summary>
public sealed class UnitOutOfServiceRule : PlacementRule
{
    public override string Code => "UnitOutOfService";
    public override RuleKind Kind => RuleKind.Capacity;
    public override string Source => "Kapacitet: en enhed ude af drift kan ikke tildeles";
    public override string SourceEn => "Capacity: units out of service cannot be allocated";
    public override bool IsBroken(PlacementCandidate c, PlacementPolicy p) =>
        c.Unit.Status == UnitStatus.OutOfService || !c.Unit.OpenThroughout(c.Stay);

    public override string MessageDa(PlacementCandidate c, PlacementPolicy p) => c.Unit.Status == UnitStatus.OutOfService
        ? $"{c.Unit.Label} er ude af drift."
        : $"{c.Unit.Label} er kun åbne nætterne fra {DanishTime.Text(c.Unit.OpenFrom!.Value)} til " +
          $"{DanishTime.Text(c.Unit.OpenUntil!.Value.AddDays(-1))}: " +
          "opholdet skal ligge inden for dem.";

    public override string MessageEn(PlacementCandidate c, PlacementPolicy p) => c.Unit.Status == UnitStatus.OutOfService
        ? $"{c.Unit.Label} is out of service."
        : $"{c.Unit.Label} are open only on the nights from {c.Unit.OpenFrom:yyyy-MM-dd} to " +
          $"{c.Unit.OpenUntil!.Value.AddDays(-1):yyyy-MM-dd}: " +
          "the stay must lie within them.";
}
