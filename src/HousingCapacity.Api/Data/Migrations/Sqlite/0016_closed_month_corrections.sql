-- Schema version 16: the day a closed month's own data were last corrected, per municipality (issue 26.2): the month's report
-- says "rettet" with that day. Written by the save step Reporting/ClosedMonthCorrections.cs, read by the report.
CREATE TABLE ClosedMonthCorrections (
    MunicipalityId INTEGER NOT NULL REFERENCES Municipalities (Id) ON DELETE CASCADE,
    Month TEXT NOT NULL CHECK (Month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    CorrectedOn TEXT NOT NULL CHECK (date(CorrectedOn) IS CorrectedOn),
    PRIMARY KEY (MunicipalityId, Month)
);
