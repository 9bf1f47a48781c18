namespace HousingCapacity.Api.Features.ExtraCapacity;

/// <summary><c>ExtraBeds({id})/HousingCapacity.Close</c>: the last night the beds stay open (the night before tonight closes them
/// from tonight; the night before the first, when they never opened).</summary>
public sealed record CloseExtraBedsCommand(DateOnly? LastNight = null);
