using HousingCapacity.Api.Reporting;

namespace HousingCapacity.Api.Features.Statistics;

/// <summary>One boform's file for one quarter: its deadline, and when it was first fetched (null: not yet).</summary>
public sealed record DstDelivery(DstExport.Boform Place, DstQuarter Quarter, Instant? FetchedAt);
