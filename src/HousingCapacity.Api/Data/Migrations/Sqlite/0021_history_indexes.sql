-- Schema version 21 (issue 30): what concerns a month or a year reads that period, however many years lie behind it
-- (Data/StayDates.cs asks every such question in the form these indexes serve).
-- The §110 stays of a municipality's persons, or at its places, still running in a period: LongStays and the counting years
-- of the board. The officers' scope is "responsible municipality or the place's municipality", which SQLite answers with one
-- index per side.
CREATE INDEX IX_Placements_ResponsibleMunicipalityId_Until
    ON Placements (ResponsibleMunicipalityId, COALESCE(EndDate, '9999-12-31'), StartDate);
CREATE INDEX IX_Placements_FacilityMunicipalityId_Until
    ON Placements (FacilityMunicipalityId, COALESCE(EndDate, '9999-12-31'), StartDate);
-- The stays with support (Housing First's courses, followed to their end however long ago they began): few beside the rest.
CREATE INDEX IX_Placements_FacilityId_Supported ON Placements (FacilityId, StartDate) WHERE SupportMethod <> 'None';
-- A person's stays at a place by their end: whether a person is one a place's staff may see (ReadScope) is a look-up of that
-- person's stays there, not a walk through every stay the place has had.
CREATE INDEX IX_Placements_PersonId_FacilityId_Until ON Placements (PersonId, FacilityId, COALESCE(EndDate, '9999-12-31'));
