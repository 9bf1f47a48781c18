namespace HousingCapacity.Api.Reporting.Pdf;

public sealed class MissingFontException(string message) : Exception(message);
