using System.Text.Json.Serialization;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Reporting;

public sealed record DataQualityNote(string Facility, string NoteDa, string NoteEn);
