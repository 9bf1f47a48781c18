-- PostgreSQL schema version 14 (issue 30; see the SQLite script 0021): the stays of a municipality's persons, or at its places,
-- still running in a period, and the stays with support, each read from an index of its own however long the history. An
-- ongoing stay ends on DATE 'infinity' here, as Npgsql writes the API's DateOnly.MaxValue (see 0013).
CREATE INDEX "IX_Placements_ResponsibleMunicipalityId_Until"
    ON "Placements" ("ResponsibleMunicipalityId", COALESCE("EndDate", DATE 'infinity'), "StartDate");
CREATE INDEX "IX_Placements_FacilityMunicipalityId_Until"
    ON "Placements" ("FacilityMunicipalityId", COALESCE("EndDate", DATE 'infinity'), "StartDate");
CREATE INDEX "IX_Placements_FacilityId_Supported" ON "Placements" ("FacilityId", "StartDate") WHERE "SupportMethod" <> 'None';
-- A person's stays at a place by their end: whether a person is one a place's staff may see (ReadScope).
CREATE INDEX "IX_Placements_PersonId_FacilityId_Until"
    ON "Placements" ("PersonId", "FacilityId", COALESCE("EndDate", DATE 'infinity'));
