-- PostgreSQL schema version 10: why an urgent waitlist entry goes first (issue 27.5; see the SQLite script 0017).
ALTER TABLE "WaitlistEntries" ADD COLUMN "PriorityReason" text NULL;
