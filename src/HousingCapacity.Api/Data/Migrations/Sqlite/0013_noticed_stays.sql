-- Schema version 13: §110 stays at places outside this system, known from the place's notice to the handlekommune
-- (Serviceloven §110 stk. 6; issue 24). Their nights count in the person's counting year.
CREATE TABLE NoticedStays (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    PersonId INTEGER NOT NULL REFERENCES Persons (Id) ON DELETE RESTRICT,
    RecordingMunicipalityId INTEGER NOT NULL REFERENCES Municipalities (Id) ON DELETE RESTRICT,
    PlaceName TEXT NOT NULL,
    PlaceMunicipalityCode INTEGER NOT NULL CHECK (PlaceMunicipalityCode BETWEEN 101 AND 999),
    StartDate TEXT NOT NULL,
    EndDate TEXT NULL CHECK (EndDate IS NULL OR EndDate > StartDate),
    NoticeReceivedOn TEXT NOT NULL,
    RecordedBy TEXT NOT NULL
);
CREATE INDEX IX_NoticedStays_PersonId_StartDate ON NoticedStays (PersonId, StartDate);
CREATE INDEX IX_NoticedStays_RecordingMunicipalityId ON NoticedStays (RecordingMunicipalityId);

CREATE TRIGGER TR_NoticedStays_Dates_Insert BEFORE INSERT ON NoticedStays
WHEN date(NEW.StartDate) IS NOT NEW.StartDate OR date(NEW.NoticeReceivedOn) IS NOT NEW.NoticeReceivedOn
  OR (NEW.EndDate IS NOT NULL AND date(NEW.EndDate) IS NOT NEW.EndDate)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_NoticedStays_Dates_Update BEFORE UPDATE ON NoticedStays
WHEN date(NEW.StartDate) IS NOT NEW.StartDate OR date(NEW.NoticeReceivedOn) IS NOT NEW.NoticeReceivedOn
  OR (NEW.EndDate IS NOT NULL AND date(NEW.EndDate) IS NOT NEW.EndDate)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;
