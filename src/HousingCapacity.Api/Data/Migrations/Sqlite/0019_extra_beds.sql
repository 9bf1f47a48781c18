-- Schema version 19: extra beds a place opens for a period, as a kuldeberedskab or vinterberedskab (issue 28). The beds are a unit
-- of their own, open only from OpenFrom (the first night) to OpenUntil (the morning after the last night); the period, with why
-- and who, is a row of ExtraBeds. A stay in the beds lies within their nights, and they close early only on nights nobody
-- has a bed in them: the guards below are the last line behind the API's own checks.
ALTER TABLE Units ADD COLUMN OpenFrom TEXT NULL;
ALTER TABLE Units ADD COLUMN OpenUntil TEXT NULL
    CHECK ((OpenFrom IS NULL) = (OpenUntil IS NULL) AND (OpenUntil IS NULL OR OpenUntil >= OpenFrom));

DROP TRIGGER TR_Units_Dates_Insert;
CREATE TRIGGER TR_Units_Dates_Insert BEFORE INSERT ON Units
WHEN (NEW.OutOfServiceSince IS NOT NULL AND date(NEW.OutOfServiceSince) IS NOT NEW.OutOfServiceSince)
  OR (NEW.OpenFrom IS NOT NULL AND date(NEW.OpenFrom) IS NOT NEW.OpenFrom)
  OR (NEW.OpenUntil IS NOT NULL AND date(NEW.OpenUntil) IS NOT NEW.OpenUntil)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

DROP TRIGGER TR_Units_Dates_Update;
CREATE TRIGGER TR_Units_Dates_Update BEFORE UPDATE ON Units
WHEN (NEW.OutOfServiceSince IS NOT NULL AND date(NEW.OutOfServiceSince) IS NOT NEW.OutOfServiceSince)
  OR (NEW.OpenFrom IS NOT NULL AND date(NEW.OpenFrom) IS NOT NEW.OpenFrom)
  OR (NEW.OpenUntil IS NOT NULL AND date(NEW.OpenUntil) IS NOT NEW.OpenUntil)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TABLE ExtraBeds (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    FacilityId INTEGER NOT NULL REFERENCES Facilities (Id) ON DELETE RESTRICT,
    UnitId INTEGER NOT NULL UNIQUE REFERENCES Units (Id) ON DELETE RESTRICT,
    FirstNight TEXT NOT NULL,
    LastNight TEXT NOT NULL CHECK (LastNight >= date(FirstNight, '-1 day')),
    PlannedLastNight TEXT NOT NULL CHECK (PlannedLastNight >= LastNight),
    Beds INTEGER NOT NULL CHECK (Beds BETWEEN 1 AND 500),
    Reason TEXT NOT NULL CHECK (Reason IN ('ColdWeather', 'Winter', 'Other')),
    Note TEXT NULL,
    OpenedBy TEXT NOT NULL,
    OpenedAt TEXT NOT NULL,
    ClosedEarlyBy TEXT NULL,
    ClosedEarlyAt TEXT NULL
);
CREATE INDEX IX_ExtraBeds_FacilityId_LastNight ON ExtraBeds (FacilityId, LastNight);

CREATE TRIGGER TR_ExtraBeds_Dates_Insert BEFORE INSERT ON ExtraBeds
WHEN date(NEW.FirstNight) IS NOT NEW.FirstNight OR date(NEW.LastNight) IS NOT NEW.LastNight
  OR date(NEW.PlannedLastNight) IS NOT NEW.PlannedLastNight
  OR (NEW.OpenedAt IS NULL OR NEW.OpenedAt NOT GLOB
      '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
  OR (NEW.ClosedEarlyAt IS NOT NULL AND NEW.ClosedEarlyAt NOT GLOB
      '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_ExtraBeds_Dates_Update BEFORE UPDATE ON ExtraBeds
WHEN date(NEW.FirstNight) IS NOT NEW.FirstNight OR date(NEW.LastNight) IS NOT NEW.LastNight
  OR date(NEW.PlannedLastNight) IS NOT NEW.PlannedLastNight
  OR (NEW.OpenedAt IS NULL OR NEW.OpenedAt NOT GLOB
      '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
  OR (NEW.ClosedEarlyAt IS NOT NULL AND NEW.ClosedEarlyAt NOT GLOB
      '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z')
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

-- A stay in extra beds lies within their nights: from the first night, and ending by the morning after the last.
CREATE TRIGGER TR_Placements_ExtraBeds_Insert AFTER INSERT ON Placements
BEGIN
    SELECT RAISE(ABORT, 'ExtraBedsClosed: the extra beds are not open on every night of this stay')
    WHERE EXISTS (SELECT 1 FROM Units u WHERE u.Id = NEW.UnitId AND u.OpenFrom IS NOT NULL
                  AND (NEW.StartDate < u.OpenFrom OR NEW.EndDate IS NULL OR NEW.EndDate > u.OpenUntil));
END;

CREATE TRIGGER TR_Placements_ExtraBeds_Update AFTER UPDATE OF UnitId, StartDate, EndDate ON Placements
BEGIN
    SELECT RAISE(ABORT, 'ExtraBedsClosed: the extra beds are not open on every night of this stay')
    WHERE EXISTS (SELECT 1 FROM Units u WHERE u.Id = NEW.UnitId AND u.OpenFrom IS NOT NULL
                  AND (NEW.StartDate < u.OpenFrom OR NEW.EndDate IS NULL OR NEW.EndDate > u.OpenUntil));
END;

-- Extra beds close early only on nights nobody has a bed in them.
CREATE TRIGGER TR_Units_ExtraBeds_Close AFTER UPDATE OF OpenUntil ON Units
WHEN NEW.OpenUntil < OLD.OpenUntil
BEGIN
    SELECT RAISE(ABORT, 'ExtraBedsInUse: someone has one of the extra beds on a night they would close')
    WHERE EXISTS (SELECT 1 FROM Placements p WHERE p.UnitId = NEW.Id AND COALESCE(p.EndDate, '9999-12-31') > NEW.OpenUntil);
END;
