namespace HousingCapacity.Api.Reporting;

/// <summary>The kinds of text in the monthly report, as each rendering (PDF, the committee's page) sets them.</summary>
public enum ReportText { Regular, Bold, Small, Subtitle, Title }
