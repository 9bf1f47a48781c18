using HousingCapacity.Api.Reporting;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 26.5: small categories are merged into "Øvrige" before anything is hidden, and no figure of 1–4 shows.</summary>
public class SmallCategoriesTests
{
    private static IReadOnlyList<SmallCategories.Row> Table(params (string Name, int Count)[] cells) =>
        SmallCategories.Merge(MonthlyReportBuilder.Group(cells.SelectMany(c => Enumerable.Repeat(c.Name, c.Count)),
            cells.Select(c => c.Name), cells.Sum(c => c.Count)), name => name);

    [Fact]
    public void SevenSmallCategories_AreOneRowThatTellsTheirSum()
    {
        var rows = Table(("Gaden", 2), ("Hospital", 2), ("Fængsel", 3), ("Familie", 1), ("Andet herberg", 2), ("Psykiatri", 1),
            ("Uoplyst", 3));
        var row = Assert.Single(rows);
        Assert.Equal("Øvrige: Gaden, Hospital, Fængsel, Familie, Andet herberg, Psykiatri og Uoplyst", row.Label);
        Assert.Equal(new PersonCount(14, false), row.Count);
    }

    [Fact]
    public void ASmallCategory_TakesTheSmallestShownWithIt_WhenTheTotalWouldGiveItAway()
    {
        var rows = Table(("Egen bolig", 10), ("Gaden", 2), ("Skæv bolig", 5), ("Udlandet", 0));
        Assert.Equal([("Egen bolig", new PersonCount(10, false)), ("Øvrige: Gaden og Skæv bolig", new PersonCount(7, false))],
            rows.Select(r => (r.Label, r.Count)));
    }

    [Fact]
    public void AWholeTableOfFewerThanFive_ReadsLessThanFive()
    {
        var row = Assert.Single(Table(("Fuldt belagt", 1), ("Påvirket", 2)));
        Assert.True(row.Count.Suppressed);
        Assert.Equal("<5", row.Count.ToString());
    }

    [Fact]
    public void NoRowEverShowsOneToFour_AndTheRowsAddUpToTheTotal()
    {
        var random = new Random(26);
        for (var run = 0; run < 500; run++)
        {
            var cells = Enumerable.Range(0, random.Next(1, 9)).Select(i => ($"K{i}", random.Next(0, 12))).ToArray();
            var rows = Table(cells);
            Assert.All(rows, r => Assert.True(r.Count.Suppressed || r.Count.Value >= 5, $"{r.Label}: {r.Count.Value}"));
            Assert.Equal(cells.Sum(c => c.Item2), rows.Sum(r => r.Count.Value));
            Assert.True(rows.Count(r => r.Count.Suppressed) <= 1);
        }
    }
}
