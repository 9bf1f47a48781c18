-- PostgreSQL schema version 7: decisions where the law puts them (issue 24; see the SQLite script 0014).
ALTER TABLE "Placements" ADD COLUMN "AdmittedBy" text NULL;
ALTER TABLE "Placements" ADD COLUMN "ReferredBy" text NULL;
ALTER TABLE "Placements" ADD COLUMN "ReferralReason" text NULL;
ALTER TABLE "Placements" ADD COLUMN "DischargeDecidedBy" text NULL;
ALTER TABLE "Placements" ADD COLUMN "DischargeCapacity" text NULL;
ALTER TABLE "Turnaways" ADD COLUMN "Explanation" text NULL;
ALTER TABLE "Turnaways" ADD COLUMN "DecidedBy" text NULL;
