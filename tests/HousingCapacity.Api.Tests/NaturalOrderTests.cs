using HousingCapacity.Api.Features.Shared;

namespace HousingCapacity.Api.Tests;

/// <summary>Issue 27.3: units are listed as people count them, not 1, 10, 11 … 2.</summary>
public class NaturalOrderTests
{
    [Fact]
    public void Labels_SortByTheirNumbers_ThenByDanishLetters()
    {
        string[] labels =
            ["Værelse 10", "Værelse 2", "Seng 1", "Værelse 1", "Værelse 11", "Åbo 3", "Ærø 1", "værelse 3", "Værelse 02b"];
        string[] expected =
            ["Seng 1", "Værelse 1", "Værelse 2", "Værelse 02b", "værelse 3", "Værelse 10", "Værelse 11", "Ærø 1", "Åbo 3"];
        Assert.Equal(expected, labels.Order(NaturalOrder.Instance));
    }
}
