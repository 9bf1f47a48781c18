using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HousingCapacity.Api.Data.Mapping;

/// <summary>The table Offers (Migrations/), as the numbered scripts create it.</summary>
public sealed class OfferMapping : RecordMapping<Offer>
{
    public OfferMapping() : base("Offers") { }

    protected override void Map(EntityTypeBuilder<Offer> e)
    {
        e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
