-- Schema version 2: facilities can be taken out of use without deleting their history (IsActive),
-- and turnaways (people a facility could not take) are recorded as unmet demand.
ALTER TABLE Facilities ADD COLUMN IsActive INTEGER NOT NULL DEFAULT 1;

CREATE TABLE Turnaways (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    FacilityId INTEGER NOT NULL REFERENCES Facilities (Id) ON DELETE RESTRICT,
    Date TEXT NOT NULL,
    Reason TEXT NOT NULL,
    PersonId INTEGER NULL REFERENCES Persons (Id) ON DELETE RESTRICT
);
CREATE INDEX IX_Turnaways_FacilityId_Date ON Turnaways (FacilityId, Date);
