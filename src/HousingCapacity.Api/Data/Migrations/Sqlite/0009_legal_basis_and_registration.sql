-- Schema version 9 (issue 12): each place's legal basis; per stay its legal basis, handlekommune change, prior residence,
-- follow-up decision and who made a youth exception; persons without a CPR number and merged records; support periods.

-- Facilities get the usual legal basis of their kind (emergency beds: akutpladser on a forsorgshjem, §110). A night café
-- or varmestue run under §104 must be changed to Section104 by its administrator.
ALTER TABLE Facilities ADD COLUMN LegalBasis TEXT NOT NULL DEFAULT 'Section110';
UPDATE Facilities SET LegalBasis = CASE Kind
    WHEN 'Section110Shelter' THEN 'Section110'
    WHEN 'EmergencyBeds' THEN 'Section110'
    WHEN 'SkaevBolig' THEN 'SkaevBolig149a'
    WHEN 'HousingFirst' THEN 'Section85aHome'
    WHEN 'YouthHousing' THEN 'Ungdomsbolig'
    WHEN 'AkutBolig' THEN 'TemporaryHousing'
    WHEN 'Section107' THEN 'Section107'
    ELSE 'Section110' END;

-- A stay keeps the legal basis of its place when it began: the §110 rules of the stay read it.
ALTER TABLE Placements ADD COLUMN LegalBasis TEXT NOT NULL DEFAULT 'Section110';
UPDATE Placements SET LegalBasis = (SELECT f.LegalBasis FROM Facilities f WHERE f.Id = Placements.FacilityId);
ALTER TABLE Placements ADD COLUMN ResponsibleMunicipalityReason TEXT NULL;
ALTER TABLE Placements ADD COLUMN PriorResidence TEXT NULL;
ALTER TABLE Placements ADD COLUMN FollowUpSupport TEXT NULL;
ALTER TABLE Placements ADD COLUMN FollowUpDecidedOn TEXT NULL;
ALTER TABLE Placements ADD COLUMN FollowUpDecidedBeforeDischarge INTEGER NULL;
ALTER TABLE Placements ADD COLUMN ExceptionDecidedBy TEXT NULL;
-- No index on LegalBasis: nearly every stay of a municipality's shelters shares it, and SQLite would prefer it to the facility
-- and person indexes that select well (measured in the benchmark: the report's §110 history went from 9 to 180 ms).

CREATE TRIGGER TR_Placements_FollowUpDate_Insert BEFORE INSERT ON Placements
WHEN NEW.FollowUpDecidedOn IS NOT NULL AND date(NEW.FollowUpDecidedOn) IS NOT NEW.FollowUpDecidedOn
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Placements_FollowUpDate_Update BEFORE UPDATE ON Placements
WHEN NEW.FollowUpDecidedOn IS NOT NULL AND date(NEW.FollowUpDecidedOn) IS NOT NEW.FollowUpDecidedOn
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

-- Persons: the CPR number and the handlekommune may be unknown, and a record may be merged into another. SQLite cannot drop
-- NOT NULL in place, so the table is rebuilt with its ids (SQLite's own procedure, "Making Other Kinds Of Table Schema
-- Changes": foreign keys off while the table is swapped, then checked before the commit).
-- migrator: rebuilds tables
CREATE TABLE Persons_v9 (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    Cpr TEXT NULL,
    CprHash TEXT NULL,
    FirstName TEXT NOT NULL,
    LastName TEXT NOT NULL,
    Alias TEXT NULL,
    BirthDate TEXT NOT NULL,
    AgeBasis TEXT NOT NULL DEFAULT 'CprNumber',
    Gender TEXT NOT NULL,
    MunicipalityId INTEGER NULL REFERENCES Municipalities (Id) ON DELETE RESTRICT,
    MergedIntoId INTEGER NULL REFERENCES Persons (Id) ON DELETE RESTRICT,
    CHECK (Cpr IS NOT NULL OR Alias IS NOT NULL)
);
INSERT INTO Persons_v9 (Id, Version, Cpr, CprHash, FirstName, LastName, BirthDate, AgeBasis, Gender, MunicipalityId)
    SELECT Id, Version, Cpr, CprHash, FirstName, LastName, BirthDate, 'CprNumber', Gender, MunicipalityId FROM Persons;
DROP TABLE Persons;
ALTER TABLE Persons_v9 RENAME TO Persons;
CREATE UNIQUE INDEX UX_Persons_CprHash ON Persons (CprHash);
CREATE INDEX IX_Persons_MunicipalityId ON Persons (MunicipalityId);
CREATE INDEX IX_Persons_MergedIntoId ON Persons (MergedIntoId) WHERE MergedIntoId IS NOT NULL;

CREATE TRIGGER TR_Persons_Dates_Insert BEFORE INSERT ON Persons
WHEN date(NEW.BirthDate) IS NOT NEW.BirthDate
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Persons_Dates_Update BEFORE UPDATE ON Persons
WHEN date(NEW.BirthDate) IS NOT NEW.BirthDate
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

-- Bostøtte periods (Serviceloven §85 a): the first begins with the placement; an extension of CTI or a move to ICM/ACT adds one.
CREATE TABLE SupportPeriods (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    PlacementId INTEGER NOT NULL REFERENCES Placements (Id) ON DELETE RESTRICT,
    PersonId INTEGER NOT NULL REFERENCES Persons (Id) ON DELETE RESTRICT,
    Method TEXT NOT NULL,
    StartDate TEXT NOT NULL,
    EndDate TEXT NULL CHECK (EndDate IS NULL OR EndDate > StartDate),
    Reason TEXT NULL,
    RecordedBy TEXT NOT NULL
);
CREATE INDEX IX_SupportPeriods_PlacementId ON SupportPeriods (PlacementId);
INSERT INTO SupportPeriods (PlacementId, PersonId, Method, StartDate, EndDate, Reason, RecordedBy)
    SELECT Id, PersonId, SupportMethod, StartDate, SupportUntil, NULL, 'system:migration-0009'
    FROM Placements WHERE SupportMethod <> 'None';

CREATE TRIGGER TR_SupportPeriods_Dates_Insert BEFORE INSERT ON SupportPeriods
WHEN date(NEW.StartDate) IS NOT NEW.StartDate OR (NEW.EndDate IS NOT NULL AND date(NEW.EndDate) IS NOT NEW.EndDate)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_SupportPeriods_Dates_Update BEFORE UPDATE ON SupportPeriods
WHEN date(NEW.StartDate) IS NOT NEW.StartDate OR (NEW.EndDate IS NOT NULL AND date(NEW.EndDate) IS NOT NEW.EndDate)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;
