-- PostgreSQL schema version 8: the day an offer was answered and the day a waitlist entry left the list (issue 26.2; see the
-- SQLite script 0015 for what earlier records get).
ALTER TABLE "Offers" ADD COLUMN "AnsweredOn" date NULL;
ALTER TABLE "WaitlistEntries" ADD COLUMN "ClosedOn" date NULL;
UPDATE "Offers" SET "AnsweredOn" = "RespondBy" + 1 WHERE "Status" = 'Expired';
UPDATE "WaitlistEntries" e SET "ClosedOn" = (SELECT MIN(o."OfferedOn") FROM "Offers" o WHERE o."WaitlistEntryId" = e."Id"
    AND o."Status" = 'Accepted') WHERE e."Status" = 'Housed';
