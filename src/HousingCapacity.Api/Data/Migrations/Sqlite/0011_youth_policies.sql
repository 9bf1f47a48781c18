-- Schema version 11: each municipality's own youth policy and §176 a's second route (issue 24). Whether young people are "som udgangspunkt"
-- not placed at
-- §110 places is a municipal policy; each version is dated and never changed, and an exception cites the version it was
-- decided under. Existing exceptions keep YouthPolicyId null: they were decided under the configured default.
CREATE TABLE YouthPolicies (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    MunicipalityId INTEGER NOT NULL REFERENCES Municipalities (Id) ON DELETE RESTRICT,
    EffectiveFrom TEXT NOT NULL,
    Applies INTEGER NOT NULL,
    MinAge INTEGER NOT NULL CHECK (MinAge >= 18),
    MaxAge INTEGER NOT NULL CHECK (MaxAge >= MinAge AND MaxAge <= 30),
    PolicyName TEXT NOT NULL,
    PolicyYear INTEGER NULL,
    RecordedBy TEXT NOT NULL
);
CREATE UNIQUE INDEX IX_YouthPolicies_MunicipalityId_EffectiveFrom ON YouthPolicies (MunicipalityId, EffectiveFrom);

CREATE TRIGGER TR_YouthPolicies_Dates_Insert BEFORE INSERT ON YouthPolicies
WHEN date(NEW.EffectiveFrom) IS NOT NEW.EffectiveFrom
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_YouthPolicies_Dates_Update BEFORE UPDATE ON YouthPolicies
WHEN date(NEW.EffectiveFrom) IS NOT NEW.EffectiveFrom
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

ALTER TABLE Placements ADD COLUMN YouthPolicyId INTEGER NULL REFERENCES YouthPolicies (Id) ON DELETE RESTRICT;

-- §176 a stk. 1 nr. 2: §85 a bostøtte decided after a §107 stay that followed the §110 discharge.
ALTER TABLE Placements ADD COLUMN HousingSupportAfter107DecidedOn TEXT NULL
    CHECK (HousingSupportAfter107DecidedOn IS NULL OR date(HousingSupportAfter107DecidedOn) IS HousingSupportAfter107DecidedOn);
