-- Schema version 20 (issue 30): what concerns tonight reads what is current, however many years of history lie behind it.
-- A place's stays still running on a night: the free beds of every place (Availability, the board, "find a place tonight") are
-- counted from this index alone (an ongoing stay counts as ending on 9999-12-31, as in migration 0010), never from the ended
-- stays of past years.
CREATE INDEX IX_Placements_FacilityId_Until ON Placements (FacilityId, COALESCE(EndDate, '9999-12-31'), StartDate);
-- A place's newest capacity report: the last entry of the place in this index, not a pass over every report it ever made.
CREATE INDEX IX_CapacityReports_FacilityId_ReportedAt ON CapacityReports (FacilityId, ReportedAt);
