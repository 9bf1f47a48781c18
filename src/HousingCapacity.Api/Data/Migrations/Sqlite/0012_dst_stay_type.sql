-- Schema version 12: the §110 stay's type as Danmarks Statistik asks it (issue 24): herberg or forsorgshjem, or efterforsorg.
-- Every existing §110 stay was a stay at the place itself. The access log's operation is indexed, as the page of DST files
-- reads when each quarter's file was fetched from it.
ALTER TABLE Placements ADD COLUMN StayType TEXT NULL;
UPDATE Placements SET StayType = 'Shelter' WHERE LegalBasis = 'Section110';
CREATE INDEX IX_AccessLog_Operation ON AccessLog (Operation);
