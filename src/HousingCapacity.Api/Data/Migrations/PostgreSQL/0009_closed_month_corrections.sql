-- PostgreSQL schema version 9: the day a closed month's own data were last corrected (issue 26.2; see the SQLite script 0016).
CREATE TABLE "ClosedMonthCorrections" (
    "MunicipalityId" integer NOT NULL REFERENCES "Municipalities" ("Id") ON DELETE CASCADE,
    "Month" text NOT NULL CHECK ("Month" ~ '^[0-9]{4}-[0-1][0-9]$'),
    "CorrectedOn" date NOT NULL,
    PRIMARY KEY ("MunicipalityId", "Month")
);
