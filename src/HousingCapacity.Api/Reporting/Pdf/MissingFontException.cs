using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace HousingCapacity.Api.Reporting.Pdf;

public sealed class MissingFontException(string message) : Exception(message);
