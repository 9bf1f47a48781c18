-- PostgreSQL schema version 2: the rules the database enforces whatever writes to it, as SQLite's triggers of versions 3, 8
-- and 10 do. Each refusal names its rule at the start of its message (Data/DatabaseGuards.cs reads it) and is an integrity
-- error (SQLSTATE class 23), so a refused write rolls back and the API answers as it does on SQLite.

-- A person never has two stays that share a night: nights are [StartDate, EndDate), an ongoing stay has no end. An exclusion
-- constraint holds under any concurrency (two transactions inserting overlapping stays: the second waits, then fails).
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "Placements" ADD CONSTRAINT "EX_Placements_PersonAlreadyPlaced"
    EXCLUDE USING gist ("PersonId" WITH =, daterange("StartDate", "EndDate", '[)') WITH &&);

-- A unit never holds more people on a night than it has beds. The unit's row is locked first, so that the guards of two
-- transactions writing to one unit run one after the other, and the second counts the first's committed stay (under READ
-- COMMITTED each statement of a function sees what was committed before it began). The most people on a night of the stay
-- are found on its first night or on a night another stay of the unit begins within it.
CREATE FUNCTION "TR_Placements_Guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    beds integer;
BEGIN
    SELECT u."Beds" INTO beds FROM "Units" u WHERE u."Id" = NEW."UnitId" FOR UPDATE;
    IF EXISTS (
        SELECT 1 FROM (
            SELECT NEW."StartDate" AS "Night"
            UNION
            SELECT s."StartDate" FROM "Placements" s
            WHERE s."UnitId" = NEW."UnitId" AND COALESCE(s."EndDate", DATE '9999-12-31') > NEW."StartDate"
              AND s."StartDate" > NEW."StartDate" AND s."StartDate" < COALESCE(NEW."EndDate", DATE '9999-12-31')) n
        WHERE (SELECT COUNT(*) FROM "Placements" p
               WHERE p."UnitId" = NEW."UnitId" AND COALESCE(p."EndDate", DATE '9999-12-31') > n."Night"
                 AND p."StartDate" <= n."Night") > beds)
    THEN
        RAISE EXCEPTION 'UnitDoubleBooked: the unit has no free bed on a night of this stay' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "TR_Placements_Guard_Insert" AFTER INSERT ON "Placements"
    FOR EACH ROW EXECUTE FUNCTION "TR_Placements_Guard"();
CREATE TRIGGER "TR_Placements_Guard_Update" AFTER UPDATE OF "UnitId", "StartDate", "EndDate" ON "Placements"
    FOR EACH ROW EXECUTE FUNCTION "TR_Placements_Guard"();

-- A stay keeps the municipality of its facility (the officers' scope filter reads it): filled when not given, refused when wrong.
CREATE FUNCTION "TR_Placements_FacilityMunicipality"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    municipality integer;
BEGIN
    SELECT f."MunicipalityId" INTO municipality FROM "Facilities" f WHERE f."Id" = NEW."FacilityId";
    IF NEW."FacilityMunicipalityId" IS NULL AND TG_OP = 'INSERT' THEN
        NEW."FacilityMunicipalityId" := municipality;
    ELSIF NEW."FacilityMunicipalityId" IS DISTINCT FROM municipality THEN
        RAISE EXCEPTION 'FacilityMunicipalityMismatch: a stay keeps the municipality of its facility'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "TR_Placements_FacilityMunicipality" BEFORE INSERT OR UPDATE OF "FacilityId", "FacilityMunicipalityId"
    ON "Placements" FOR EACH ROW EXECUTE FUNCTION "TR_Placements_FacilityMunicipality"();

-- A unit's beds are not lowered below the people it holds on a night from today on (today's night, or a later night a stay
-- begins), and a unit is not taken out of service while someone stays in it or is booked into it. Today is the UTC date, as
-- on SQLite: in the first hours of a Copenhagen day it is still yesterday, which only makes the guard stricter. The update
-- holds the unit's row, so a stay being added to the unit waits for it (and the other way round).
CREATE FUNCTION "TR_Units_Guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    today date := (now() AT TIME ZONE 'UTC')::date;
BEGIN
    IF NEW."Beds" < OLD."Beds" AND EXISTS (
        SELECT 1 FROM (
            SELECT today AS "Night"
            UNION
            SELECT s."StartDate" FROM "Placements" s
            WHERE s."UnitId" = NEW."Id" AND COALESCE(s."EndDate", DATE '9999-12-31') > today AND s."StartDate" > today) n
        WHERE (SELECT COUNT(*) FROM "Placements" p
               WHERE p."UnitId" = NEW."Id" AND COALESCE(p."EndDate", DATE '9999-12-31') > n."Night"
                 AND p."StartDate" <= n."Night") > NEW."Beds")
    THEN
        RAISE EXCEPTION 'UnitOverCapacity: the unit holds more people on a night than the new number of beds'
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."Status" = 'OutOfService' AND OLD."Status" <> 'OutOfService' AND EXISTS (
        SELECT 1 FROM "Placements" s WHERE s."UnitId" = NEW."Id" AND COALESCE(s."EndDate", DATE '9999-12-31') > today)
    THEN
        RAISE EXCEPTION 'UnitOccupied: someone stays in the unit or is booked into it' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "TR_Units_Guard" AFTER UPDATE OF "Beds", "Status" ON "Units"
    FOR EACH ROW EXECUTE FUNCTION "TR_Units_Guard"();

-- A municipality's code is its identity in every token: it never changes once created.
CREATE FUNCTION "TR_Municipalities_CodeImmutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'MunicipalityCodeImmutable: a municipality''s code cannot be changed' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER "TR_Municipalities_CodeImmutable" BEFORE UPDATE OF "Code" ON "Municipalities"
    FOR EACH ROW WHEN (NEW."Code" IS DISTINCT FROM OLD."Code") EXECUTE FUNCTION "TR_Municipalities_CodeImmutable"();

-- The access log is append-only. Lines leave it only through a recorded purge (AccessLogPurges, itself append-only) of lines
-- older than the purge's limit, which keeps at least six months. The application's role is also granted neither UPDATE nor
-- DELETE on these tables (Data/PostgreSqlGrants.cs); the purge runs as the owner through "PurgeAccessLog" below.
CREATE FUNCTION "TR_AccessLog_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    purged_before timestamptz := (SELECT MAX(g."Before") FROM "AccessLogPurges" g);
BEGIN
    -- (Nested, not one condition: a field of OLD is looked up only on the table that has it.)
    IF TG_OP = 'DELETE' THEN
        IF TG_TABLE_NAME = 'AccessLog' THEN
            IF OLD."At" < purged_before THEN
                RETURN OLD;
            END IF;
        ELSIF TG_TABLE_NAME = 'AccessLogPersons' THEN
            IF EXISTS (SELECT 1 FROM "AccessLog" e WHERE e."Id" = OLD."EntryId" AND e."At" < purged_before) THEN
                RETURN OLD;
            END IF;
        END IF;
    END IF;
    RAISE EXCEPTION 'AccessLogAppendOnly: access log lines cannot be changed or deleted' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER "TR_AccessLog_AppendOnly" BEFORE UPDATE OR DELETE ON "AccessLog"
    FOR EACH ROW EXECUTE FUNCTION "TR_AccessLog_AppendOnly"();
CREATE TRIGGER "TR_AccessLogPersons_AppendOnly" BEFORE UPDATE OR DELETE ON "AccessLogPersons"
    FOR EACH ROW EXECUTE FUNCTION "TR_AccessLog_AppendOnly"();
CREATE TRIGGER "TR_AccessLogPurges_AppendOnly" BEFORE UPDATE OR DELETE ON "AccessLogPurges"
    FOR EACH ROW EXECUTE FUNCTION "TR_AccessLog_AppendOnly"();

CREATE FUNCTION "TR_AccessLog_NoTruncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AccessLogAppendOnly: the access log cannot be truncated' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER "TR_AccessLog_NoTruncate" BEFORE TRUNCATE ON "AccessLog"
    FOR EACH STATEMENT EXECUTE FUNCTION "TR_AccessLog_NoTruncate"();
CREATE TRIGGER "TR_AccessLogPersons_NoTruncate" BEFORE TRUNCATE ON "AccessLogPersons"
    FOR EACH STATEMENT EXECUTE FUNCTION "TR_AccessLog_NoTruncate"();
CREATE TRIGGER "TR_AccessLogPurges_NoTruncate" BEFORE TRUNCATE ON "AccessLogPurges"
    FOR EACH STATEMENT EXECUTE FUNCTION "TR_AccessLog_NoTruncate"();

CREATE FUNCTION "TR_AccessLogPurges_KeepsSixMonths"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."Before" > now() - interval '6 months' THEN
        RAISE EXCEPTION 'AccessLogAppendOnly: a purge keeps at least the last six months of the access log'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "TR_AccessLogPurges_KeepsSixMonths" BEFORE INSERT ON "AccessLogPurges"
    FOR EACH ROW EXECUTE FUNCTION "TR_AccessLogPurges_KeepsSixMonths"();

-- The one way lines leave the log (Security/AccessLogRetention.cs): records the purge, then removes what is older than its
-- limit, and returns how many entries went. It runs with its owner's rights, so the application's role needs only EXECUTE.
CREATE FUNCTION "PurgeAccessLog"(purge_before timestamptz, retention_months integer, user_name text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    removed integer;
BEGIN
    INSERT INTO "AccessLogPurges" ("At", "Before", "RetentionMonths", "UserName")
        VALUES (now(), purge_before, retention_months, user_name);
    DELETE FROM "AccessLogPersons" lp USING "AccessLog" e WHERE e."Id" = lp."EntryId" AND e."At" < purge_before;
    DELETE FROM "AccessLog" e WHERE e."At" < purge_before;
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END $$;
REVOKE ALL ON FUNCTION "PurgeAccessLog"(timestamptz, integer, text) FROM PUBLIC;
