namespace HousingCapacity.Api.Reporting;

public sealed record DataQualityNote(string Facility, string NoteDa, string NoteEn);
