-- PostgreSQL schema version 13 (issue 30; see the SQLite script 0020): a place's stays still running on a night, and its
-- newest capacity report, each read from an index of its own however long the history. The API's queries give an ongoing
-- stay the end DateOnly.MaxValue, which Npgsql writes as DATE 'infinity' (SQLite: '9999-12-31'); an expression index serves
-- only a query with the same expression, so these say 'infinity'. The unit's index of 0001 (9999-12-31) stays for the guards
-- of 0002, which are written with it; the API's own check of a unit's running stays gets its twin here.
CREATE INDEX "IX_Placements_FacilityId_Until" ON "Placements" ("FacilityId", COALESCE("EndDate", DATE 'infinity'), "StartDate");
CREATE INDEX "IX_Placements_UnitId_UntilOngoing" ON "Placements" ("UnitId", COALESCE("EndDate", DATE 'infinity'), "StartDate");
CREATE INDEX "IX_CapacityReports_FacilityId_ReportedAt" ON "CapacityReports" ("FacilityId", "ReportedAt");
