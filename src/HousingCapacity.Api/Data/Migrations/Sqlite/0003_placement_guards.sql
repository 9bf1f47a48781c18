-- Schema version 3: allocation.
-- CTI support ends 9 months after the start unless renewed (SupportUntil); §110 notifications are marked done (NotifiedOn).
ALTER TABLE Placements ADD COLUMN SupportUntil TEXT NULL;
ALTER TABLE Placements ADD COLUMN NotifiedOn TEXT NULL;
CREATE INDEX IX_Placements_NotificationDueDate ON Placements (NotificationDueDate) WHERE NotifiedOn IS NULL;

-- The last line against over-booking, whatever the application does: a unit never holds more people on a night
-- than it has beds, and a person never has two overlapping stays. Nights are [StartDate, EndDate); the most
-- people on any night of a stay are found on the night one of the overlapping stays begins.
CREATE TRIGGER TR_Placements_Guard_Insert AFTER INSERT ON Placements
BEGIN
    SELECT RAISE(ABORT, 'UnitDoubleBooked: the unit has no free bed on a night of this stay')
    WHERE EXISTS (
        SELECT 1 FROM Placements s
        WHERE s.UnitId = NEW.UnitId
          AND s.StartDate >= NEW.StartDate AND (NEW.EndDate IS NULL OR s.StartDate < NEW.EndDate)
          AND (SELECT COUNT(*) FROM Placements p
               WHERE p.UnitId = NEW.UnitId AND p.StartDate <= s.StartDate AND (p.EndDate IS NULL OR p.EndDate > s.StartDate))
              > (SELECT Beds FROM Units WHERE Id = NEW.UnitId));
    SELECT RAISE(ABORT, 'PersonAlreadyPlaced: the person has another stay in this period')
    WHERE EXISTS (
        SELECT 1 FROM Placements p
        WHERE p.PersonId = NEW.PersonId AND p.Id <> NEW.Id
          AND p.StartDate < COALESCE(NEW.EndDate, '9999-12-31') AND COALESCE(p.EndDate, '9999-12-31') > NEW.StartDate);
END;

CREATE TRIGGER TR_Placements_Guard_Update AFTER UPDATE OF UnitId, PersonId, StartDate, EndDate ON Placements
BEGIN
    SELECT RAISE(ABORT, 'UnitDoubleBooked: the unit has no free bed on a night of this stay')
    WHERE EXISTS (
        SELECT 1 FROM Placements s
        WHERE s.UnitId = NEW.UnitId
          AND s.StartDate >= NEW.StartDate AND (NEW.EndDate IS NULL OR s.StartDate < NEW.EndDate)
          AND (SELECT COUNT(*) FROM Placements p
               WHERE p.UnitId = NEW.UnitId AND p.StartDate <= s.StartDate AND (p.EndDate IS NULL OR p.EndDate > s.StartDate))
              > (SELECT Beds FROM Units WHERE Id = NEW.UnitId));
    SELECT RAISE(ABORT, 'PersonAlreadyPlaced: the person has another stay in this period')
    WHERE EXISTS (
        SELECT 1 FROM Placements p
        WHERE p.PersonId = NEW.PersonId AND p.Id <> NEW.Id
          AND p.StartDate < COALESCE(NEW.EndDate, '9999-12-31') AND COALESCE(p.EndDate, '9999-12-31') > NEW.StartDate);
END;
