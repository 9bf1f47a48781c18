-- Schema version 10: speed where it counts (issue 14).

-- 1. The access log keeps one entry per request (or per changed record), and the persons it names in AccessLogPersons: a
-- 20-row list is one entry and twenty pairs of numbers, not twenty copies of the request line. The lines written so far
-- keep their ids; each becomes an entry naming its one person.
CREATE TABLE AccessLogPersons (
    PersonId INTEGER NOT NULL,
    EntryId INTEGER NOT NULL REFERENCES AccessLog (Id),
    PRIMARY KEY (PersonId, EntryId)
) WITHOUT ROWID;
INSERT INTO AccessLogPersons (PersonId, EntryId) SELECT PersonId, Id FROM AccessLog WHERE PersonId IS NOT NULL;
DROP INDEX IX_AccessLog_PersonId;
ALTER TABLE AccessLog DROP COLUMN PersonId;

-- The log as it reads: a line per entry and person it names (PersonId null for an entry that names nobody).
CREATE VIEW AccessLogLines AS
SELECT e.Id, e.At, e.UserName, e.Role, e.MunicipalityCode, e.Operation, e.Request, e.Purpose, p.PersonId
FROM AccessLog e LEFT JOIN AccessLogPersons p ON p.EntryId = e.Id;

-- The log is still append-only, but it is kept for AccessLog:RetentionMonths: the purge (Security/AccessLogRetention.cs)
-- first records itself here, and only then may the lines older than its limit go. A purge keeps at least six months.
CREATE TABLE AccessLogPurges (
    Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    At TEXT NOT NULL,
    Before TEXT NOT NULL,
    RetentionMonths INTEGER NOT NULL,
    UserName TEXT NOT NULL
);

CREATE TRIGGER TR_AccessLogPurges_KeepsSixMonths BEFORE INSERT ON AccessLogPurges
WHEN NEW.Before > strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now', '-6 months')
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: a purge keeps at least the last six months of the access log');
END;

CREATE TRIGGER TR_AccessLogPurges_NoUpdate BEFORE UPDATE ON AccessLogPurges
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: a purge cannot be changed');
END;

CREATE TRIGGER TR_AccessLogPurges_NoDelete BEFORE DELETE ON AccessLogPurges
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: a purge cannot be deleted');
END;

DROP TRIGGER TR_AccessLog_NoDelete;
CREATE TRIGGER TR_AccessLog_NoDelete BEFORE DELETE ON AccessLog
WHEN OLD.At >= COALESCE((SELECT MAX(Before) FROM AccessLogPurges), '')
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: access log lines cannot be deleted');
END;

CREATE TRIGGER TR_AccessLogPersons_NoUpdate BEFORE UPDATE ON AccessLogPersons
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: access log lines cannot be changed');
END;

CREATE TRIGGER TR_AccessLogPersons_NoDelete BEFORE DELETE ON AccessLogPersons
WHEN NOT EXISTS (SELECT 1 FROM AccessLog e WHERE e.Id = OLD.EntryId
                 AND e.At < COALESCE((SELECT MAX(Before) FROM AccessLogPurges), ''))
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: access log lines cannot be deleted');
END;

-- 2. Indexed scope. A stay keeps its facility's municipality (a facility never changes municipality), so that the officers'
-- filter "ResponsibleMunicipalityId = M OR FacilityMunicipalityId = M" is two index ranges on one table, not an OR across a
-- join; both indexes carry StartDate, the lists' usual order and filter.
ALTER TABLE Placements ADD COLUMN FacilityMunicipalityId INTEGER NULL REFERENCES Municipalities (Id);
UPDATE Placements SET FacilityMunicipalityId = (SELECT f.MunicipalityId FROM Facilities f WHERE f.Id = Placements.FacilityId);
DROP INDEX IX_Placements_ResponsibleMunicipalityId;
CREATE INDEX IX_Placements_ResponsibleMunicipalityId_StartDate ON Placements (ResponsibleMunicipalityId, StartDate);
CREATE INDEX IX_Placements_FacilityMunicipalityId_StartDate ON Placements (FacilityMunicipalityId, StartDate);

-- The application sets it; a value that is not the facility's is refused, and a row written without one gets it.
CREATE TRIGGER TR_Placements_FacilityMunicipality_Insert BEFORE INSERT ON Placements
WHEN NEW.FacilityMunicipalityId IS NOT NULL
 AND NEW.FacilityMunicipalityId IS NOT (SELECT MunicipalityId FROM Facilities WHERE Id = NEW.FacilityId)
BEGIN
    SELECT RAISE(ABORT, 'FacilityMunicipalityMismatch: a stay keeps the municipality of its facility');
END;

CREATE TRIGGER TR_Placements_FacilityMunicipality_Fill AFTER INSERT ON Placements
WHEN NEW.FacilityMunicipalityId IS NULL
BEGIN
    UPDATE Placements SET FacilityMunicipalityId = (SELECT MunicipalityId FROM Facilities WHERE Id = NEW.FacilityId)
    WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_Placements_FacilityMunicipality_Update AFTER UPDATE OF FacilityId, FacilityMunicipalityId ON Placements
WHEN NEW.FacilityMunicipalityId IS NOT (SELECT MunicipalityId FROM Facilities WHERE Id = NEW.FacilityId)
BEGIN
    SELECT RAISE(ABORT, 'FacilityMunicipalityMismatch: a stay keeps the municipality of its facility');
END;

-- 3. A unit's capacity, checked in time linear in its current stays. The stays of a unit still running on a night are found
-- by this index (an ongoing stay counts as ending on 9999-12-31), so neither check reads the unit's ended history.
CREATE INDEX IX_Placements_UnitId_Until ON Placements (UnitId, COALESCE(EndDate, '9999-12-31'), StartDate);

-- The most people on a night of the new stay are found on its first night or on a night another stay of the unit begins
-- within it (before: every stay starting later was compared with every stay of the unit). Each such night counts only
-- the stays running then, through the index above.
DROP TRIGGER TR_Placements_Guard_Insert;
CREATE TRIGGER TR_Placements_Guard_Insert AFTER INSERT ON Placements
BEGIN
    SELECT RAISE(ABORT, 'UnitDoubleBooked: the unit has no free bed on a night of this stay')
    WHERE EXISTS (
        SELECT 1 FROM (
            SELECT NEW.StartDate AS Night
            UNION
            SELECT s.StartDate FROM Placements s
            WHERE s.UnitId = NEW.UnitId AND COALESCE(s.EndDate, '9999-12-31') > NEW.StartDate
              AND s.StartDate > NEW.StartDate AND s.StartDate < COALESCE(NEW.EndDate, '9999-12-31')) n
        WHERE (SELECT COUNT(*) FROM Placements p
               WHERE p.UnitId = NEW.UnitId AND COALESCE(p.EndDate, '9999-12-31') > n.Night AND p.StartDate <= n.Night)
              > (SELECT Beds FROM Units WHERE Id = NEW.UnitId));
    SELECT RAISE(ABORT, 'PersonAlreadyPlaced: the person has another stay in this period')
    WHERE EXISTS (
        SELECT 1 FROM Placements p
        WHERE p.PersonId = NEW.PersonId AND p.Id <> NEW.Id
          AND p.StartDate < COALESCE(NEW.EndDate, '9999-12-31') AND COALESCE(p.EndDate, '9999-12-31') > NEW.StartDate);
END;

DROP TRIGGER TR_Placements_Guard_Update;
CREATE TRIGGER TR_Placements_Guard_Update AFTER UPDATE OF UnitId, PersonId, StartDate, EndDate ON Placements
BEGIN
    SELECT RAISE(ABORT, 'UnitDoubleBooked: the unit has no free bed on a night of this stay')
    WHERE EXISTS (
        SELECT 1 FROM (
            SELECT NEW.StartDate AS Night
            UNION
            SELECT s.StartDate FROM Placements s
            WHERE s.UnitId = NEW.UnitId AND COALESCE(s.EndDate, '9999-12-31') > NEW.StartDate
              AND s.StartDate > NEW.StartDate AND s.StartDate < COALESCE(NEW.EndDate, '9999-12-31')) n
        WHERE (SELECT COUNT(*) FROM Placements p
               WHERE p.UnitId = NEW.UnitId AND COALESCE(p.EndDate, '9999-12-31') > n.Night AND p.StartDate <= n.Night)
              > (SELECT Beds FROM Units WHERE Id = NEW.UnitId));
    SELECT RAISE(ABORT, 'PersonAlreadyPlaced: the person has another stay in this period')
    WHERE EXISTS (
        SELECT 1 FROM Placements p
        WHERE p.PersonId = NEW.PersonId AND p.Id <> NEW.Id
          AND p.StartDate < COALESCE(NEW.EndDate, '9999-12-31') AND COALESCE(p.EndDate, '9999-12-31') > NEW.StartDate);
END;

-- Lowering a unit's beds: the nights to check are today and each later night a stay begins, as above.
DROP TRIGGER TR_Units_Beds_Guard;
CREATE TRIGGER TR_Units_Beds_Guard AFTER UPDATE OF Beds ON Units
WHEN NEW.Beds < OLD.Beds
BEGIN
    SELECT RAISE(ABORT, 'UnitOverCapacity: the unit holds more people on a night than the new number of beds')
    WHERE EXISTS (
        SELECT 1 FROM (
            SELECT date('now') AS Night
            UNION
            SELECT s.StartDate FROM Placements s
            WHERE s.UnitId = NEW.Id AND COALESCE(s.EndDate, '9999-12-31') > date('now') AND s.StartDate > date('now')) n
        WHERE (SELECT COUNT(*) FROM Placements p
               WHERE p.UnitId = NEW.Id AND COALESCE(p.EndDate, '9999-12-31') > n.Night AND p.StartDate <= n.Night) > NEW.Beds);
END;
