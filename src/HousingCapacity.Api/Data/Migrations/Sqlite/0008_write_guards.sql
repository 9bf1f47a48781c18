-- Schema version 8: guards that hold whatever writes to the file (issue 10's findings 2, 3 and 7).

-- A municipality's code is its identity in every token: it never changes once created.
CREATE TRIGGER TR_Municipalities_CodeImmutable BEFORE UPDATE OF Code ON Municipalities
WHEN NEW.Code IS NOT OLD.Code
BEGIN
    SELECT RAISE(ABORT, 'MunicipalityCodeImmutable: a municipality''s code cannot be changed');
END;

-- A unit's beds are not lowered below the people it holds on a night from today on, and a unit is not taken out of service
-- while someone stays in it or is booked into it (nights are [StartDate, EndDate); the most people on a night are found on
-- today's night or on a night a stay begins). date('now') is UTC: in the first hours of a Copenhagen day it is still
-- yesterday, which only makes the guard stricter.
CREATE TRIGGER TR_Units_Beds_Guard AFTER UPDATE OF Beds ON Units
WHEN NEW.Beds < OLD.Beds
BEGIN
    SELECT RAISE(ABORT, 'UnitOverCapacity: the unit holds more people on a night than the new number of beds')
    WHERE EXISTS (
        SELECT 1 FROM Placements s
        WHERE s.UnitId = NEW.Id AND (s.EndDate IS NULL OR s.EndDate > date('now'))
          AND (SELECT COUNT(*) FROM Placements p
               WHERE p.UnitId = NEW.Id AND p.StartDate <= max(s.StartDate, date('now'))
                 AND (p.EndDate IS NULL OR p.EndDate > max(s.StartDate, date('now')))) > NEW.Beds);
END;

CREATE TRIGGER TR_Units_OutOfService_Guard AFTER UPDATE OF Status ON Units
WHEN NEW.Status = 'OutOfService' AND OLD.Status <> 'OutOfService'
BEGIN
    SELECT RAISE(ABORT, 'UnitOccupied: someone stays in the unit or is booked into it')
    WHERE EXISTS (SELECT 1 FROM Placements s WHERE s.UnitId = NEW.Id AND (s.EndDate IS NULL OR s.EndDate > date('now')));
END;

-- The access log is append-only: REPLACE (and INSERT OR REPLACE) would delete the old line without firing the delete
-- trigger (SQLite fires it only with recursive_triggers on), so an insert may never name an existing line.
CREATE TRIGGER TR_AccessLog_NoReplace BEFORE INSERT ON AccessLog
WHEN NEW.Id IS NOT NULL AND EXISTS (SELECT 1 FROM AccessLog WHERE Id = NEW.Id)
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: access log lines cannot be replaced');
END;

-- Dates are ISO text (2026-11-22) and instants fixed-width UTC text, so that text order is time order: the over-booking
-- guards compare text. A value in another form ('2027-1-1') or an impossible date ('2026-02-30') is refused.

CREATE TRIGGER TR_Placements_Dates_Insert BEFORE INSERT ON Placements
WHEN date(NEW.StartDate) IS NOT NEW.StartDate
   OR (NEW.EndDate IS NOT NULL AND date(NEW.EndDate) IS NOT NEW.EndDate)
   OR (NEW.NotificationDueDate IS NOT NULL AND date(NEW.NotificationDueDate) IS NOT NEW.NotificationDueDate)
   OR (NEW.SupportUntil IS NOT NULL AND date(NEW.SupportUntil) IS NOT NEW.SupportUntil)
   OR (NEW.NotifiedOn IS NOT NULL AND date(NEW.NotifiedOn) IS NOT NEW.NotifiedOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Placements_Dates_Update BEFORE UPDATE ON Placements
WHEN date(NEW.StartDate) IS NOT NEW.StartDate
   OR (NEW.EndDate IS NOT NULL AND date(NEW.EndDate) IS NOT NEW.EndDate)
   OR (NEW.NotificationDueDate IS NOT NULL AND date(NEW.NotificationDueDate) IS NOT NEW.NotificationDueDate)
   OR (NEW.SupportUntil IS NOT NULL AND date(NEW.SupportUntil) IS NOT NEW.SupportUntil)
   OR (NEW.NotifiedOn IS NOT NULL AND date(NEW.NotifiedOn) IS NOT NEW.NotifiedOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_BedHolds_Dates_Insert BEFORE INSERT ON BedHolds
WHEN date(NEW.Night) IS NOT NEW.Night
   OR (NEW.HeldAt IS NULL OR NEW.HeldAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
   OR (NEW.ExpiresAt IS NULL OR NEW.ExpiresAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
   OR (NEW.ReleasedAt IS NOT NULL AND NEW.ReleasedAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_BedHolds_Dates_Update BEFORE UPDATE ON BedHolds
WHEN date(NEW.Night) IS NOT NEW.Night
   OR (NEW.HeldAt IS NULL OR NEW.HeldAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
   OR (NEW.ExpiresAt IS NULL OR NEW.ExpiresAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
   OR (NEW.ReleasedAt IS NOT NULL AND NEW.ReleasedAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_CapacityReports_Dates_Insert BEFORE INSERT ON CapacityReports
WHEN date(NEW.Date) IS NOT NEW.Date
   OR (NEW.ReportedAt IS NULL OR NEW.ReportedAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_CapacityReports_Dates_Update BEFORE UPDATE ON CapacityReports
WHEN date(NEW.Date) IS NOT NEW.Date
   OR (NEW.ReportedAt IS NULL OR NEW.ReportedAt NOT GLOB
       '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Turnaways_Dates_Insert BEFORE INSERT ON Turnaways
WHEN date(NEW.Date) IS NOT NEW.Date
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Turnaways_Dates_Update BEFORE UPDATE ON Turnaways
WHEN date(NEW.Date) IS NOT NEW.Date
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

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

CREATE TRIGGER TR_WaitlistEntries_Dates_Insert BEFORE INSERT ON WaitlistEntries
WHEN date(NEW.AppliedOn) IS NOT NEW.AppliedOn
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_WaitlistEntries_Dates_Update BEFORE UPDATE ON WaitlistEntries
WHEN date(NEW.AppliedOn) IS NOT NEW.AppliedOn
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Offers_Dates_Insert BEFORE INSERT ON Offers
WHEN date(NEW.OfferedOn) IS NOT NEW.OfferedOn
   OR date(NEW.RespondBy) IS NOT NEW.RespondBy
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Offers_Dates_Update BEFORE UPDATE ON Offers
WHEN date(NEW.OfferedOn) IS NOT NEW.OfferedOn
   OR date(NEW.RespondBy) IS NOT NEW.RespondBy
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Units_Dates_Insert BEFORE INSERT ON Units
WHEN (NEW.OutOfServiceSince IS NOT NULL AND date(NEW.OutOfServiceSince) IS NOT NEW.OutOfServiceSince)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Units_Dates_Update BEFORE UPDATE ON Units
WHEN (NEW.OutOfServiceSince IS NOT NULL AND date(NEW.OutOfServiceSince) IS NOT NEW.OutOfServiceSince)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_AccessLog_Dates_Insert BEFORE INSERT ON AccessLog
WHEN (NEW.At IS NULL OR NEW.At NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_AccessLog_Dates_Update BEFORE UPDATE ON AccessLog
WHEN (NEW.At IS NULL OR NEW.At NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;
