namespace HousingCapacity.Api.Reporting;

/// <summary>
/// A table of categories as the committee reads it (issue 26.5): the categories the figures hide (1–4 persons, and those hidden
/// with them so that a total cannot give one away, see <see cref="MonthlyReportBuilder.Group"/>) are merged into one row,
/// "Øvrige", that names them, so that a table does not become a column of "&lt;5". The merged row holds what the total minus the
/// shown rows says already, so the PDF and the page tell nothing the JSON and the spreadsheets (which keep every category, the
/// hidden ones as "&lt;5") do not; and no figure of 1–4 persons is shown: a merged row of 1–4 reads "&lt;5". Categories with none
/// are left out.
/// </summary>
public static class SmallCategories
{
    public sealed record Row(string Label, PersonCount Count);

    public static IReadOnlyList<Row> Merge(IEnumerable<NamedCount> cells, Func<string, string> label)
    {
        var present = cells.Where(c => c.Count.Value > 0).ToList();
        var hidden = present.Where(c => c.Count.Suppressed).ToList();
        var rows = present.Where(c => !c.Count.Suppressed).Select(c => new Row(label(c.Name), c.Count)).ToList();
        if (hidden.Count == 1) rows.Add(new Row(label(hidden[0].Name), hidden[0].Count));
        else if (hidden.Count > 1)
            rows.Add(new Row("Øvrige: " + Names(hidden.Select(c => label(c.Name)).ToList()),
                PersonCount.Of(hidden.Sum(c => c.Count.Value))));
        return rows;
    }

    private static string Names(IReadOnlyList<string> names) => string.Join(", ", names.Take(names.Count - 1)) + " og " + names[^1];
}
