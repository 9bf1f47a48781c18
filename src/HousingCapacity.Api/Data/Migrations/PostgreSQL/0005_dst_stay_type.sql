-- PostgreSQL schema version 5: the §110 stay's type for Danmarks Statistik (issue 24; see the SQLite script 0012).
ALTER TABLE "Placements" ADD COLUMN "StayType" text NULL;
UPDATE "Placements" SET "StayType" = 'Shelter' WHERE "LegalBasis" = 'Section110';
CREATE INDEX "IX_AccessLog_Operation" ON "AccessLog" ("Operation");
