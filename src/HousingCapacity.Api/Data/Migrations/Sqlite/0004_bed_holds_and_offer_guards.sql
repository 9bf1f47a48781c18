-- Schema version 4: beds held for someone on the way, waitlist entries flagged at offer time,
-- and never two pending offers for one unit.
CREATE TABLE BedHolds (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    FacilityId INTEGER NOT NULL REFERENCES Facilities (Id) ON DELETE RESTRICT,
    UnitId INTEGER NOT NULL REFERENCES Units (Id) ON DELETE RESTRICT,
    PersonId INTEGER NULL REFERENCES Persons (Id) ON DELETE RESTRICT,
    Night TEXT NOT NULL,
    HeldAt TEXT NOT NULL,
    ExpiresAt TEXT NOT NULL,
    ReleasedAt TEXT NULL,
    HeldBy TEXT NOT NULL,
    Note TEXT NULL
);
CREATE INDEX IX_BedHolds_UnitId_Night ON BedHolds (UnitId, Night) WHERE ReleasedAt IS NULL;
CREATE INDEX IX_BedHolds_FacilityId_Night ON BedHolds (FacilityId, Night) WHERE ReleasedAt IS NULL;

ALTER TABLE WaitlistEntries ADD COLUMN FlaggedReason TEXT NULL;

CREATE UNIQUE INDEX UX_Offers_UnitId_Pending ON Offers (UnitId) WHERE Status = 'Pending';
