-- Schema version 15: the days that let a closed month's report be counted as the month stood at its end (issue 26.2): the day an
-- offer was answered, and the day a waitlist entry left the list. Offers that expired before get the first day past their
-- deadline; entries housed before get the day of their accepted offer (the earliest they can have been housed); other answers
-- and withdrawals recorded before keep an unknown day (the report then uses the day of the offer, and leaves such an entry out).
ALTER TABLE Offers ADD COLUMN AnsweredOn TEXT NULL;
ALTER TABLE WaitlistEntries ADD COLUMN ClosedOn TEXT NULL;
UPDATE Offers SET AnsweredOn = date(RespondBy, '+1 day') WHERE Status = 'Expired';
UPDATE WaitlistEntries SET ClosedOn = (SELECT MIN(o.OfferedOn) FROM Offers o WHERE o.WaitlistEntryId = WaitlistEntries.Id
    AND o.Status = 'Accepted') WHERE Status = 'Housed';

DROP TRIGGER TR_WaitlistEntries_Dates_Insert;
DROP TRIGGER TR_WaitlistEntries_Dates_Update;
DROP TRIGGER TR_Offers_Dates_Insert;
DROP TRIGGER TR_Offers_Dates_Update;

CREATE TRIGGER TR_WaitlistEntries_Dates_Insert BEFORE INSERT ON WaitlistEntries
WHEN date(NEW.AppliedOn) IS NOT NEW.AppliedOn
   OR (NEW.ClosedOn IS NOT NULL AND date(NEW.ClosedOn) IS NOT NEW.ClosedOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_WaitlistEntries_Dates_Update BEFORE UPDATE ON WaitlistEntries
WHEN date(NEW.AppliedOn) IS NOT NEW.AppliedOn
   OR (NEW.ClosedOn IS NOT NULL AND date(NEW.ClosedOn) IS NOT NEW.ClosedOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Offers_Dates_Insert BEFORE INSERT ON Offers
WHEN date(NEW.OfferedOn) IS NOT NEW.OfferedOn
   OR date(NEW.RespondBy) IS NOT NEW.RespondBy
   OR (NEW.AnsweredOn IS NOT NULL AND date(NEW.AnsweredOn) IS NOT NEW.AnsweredOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Offers_Dates_Update BEFORE UPDATE ON Offers
WHEN date(NEW.OfferedOn) IS NOT NEW.OfferedOn
   OR date(NEW.RespondBy) IS NOT NEW.RespondBy
   OR (NEW.AnsweredOn IS NOT NULL AND date(NEW.AnsweredOn) IS NOT NEW.AnsweredOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;
