-- Schema version 1: the catalogue of places, capacity reports, persons, placements and waitlists.
-- Dates are ISO 8601 text (yyyy-MM-dd); instants are UTC ISO 8601 text with 7 fractional digits,
-- so that both compare and sort correctly as text. Enums are stored by name.
CREATE TABLE Municipalities (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    Code INTEGER NOT NULL,
    Name TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_Municipalities_Code ON Municipalities (Code);

CREATE TABLE Facilities (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    MunicipalityId INTEGER NOT NULL REFERENCES Municipalities (Id) ON DELETE RESTRICT,
    Name TEXT NOT NULL,
    Kind TEXT NOT NULL,
    Address TEXT NOT NULL,
    GenderRestriction TEXT NOT NULL,
    MinAge INTEGER NULL,
    MaxAge INTEGER NULL
);
CREATE INDEX IX_Facilities_MunicipalityId_Kind ON Facilities (MunicipalityId, Kind);

CREATE TABLE Units (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    FacilityId INTEGER NOT NULL REFERENCES Facilities (Id) ON DELETE RESTRICT,
    Label TEXT NOT NULL,
    Beds INTEGER NOT NULL CHECK (Beds >= 1),
    Status TEXT NOT NULL
);
CREATE INDEX IX_Units_FacilityId ON Units (FacilityId);

CREATE TABLE CapacityReports (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    FacilityId INTEGER NOT NULL REFERENCES Facilities (Id) ON DELETE RESTRICT,
    Date TEXT NOT NULL,
    BedsInService INTEGER NOT NULL CHECK (BedsInService >= 0),
    BedsOccupied INTEGER NOT NULL CHECK (BedsOccupied >= 0),
    BedsOutOfService INTEGER NOT NULL CHECK (BedsOutOfService >= 0),
    ReportedAt TEXT NOT NULL,
    ReportedBy TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_CapacityReports_FacilityId_Date ON CapacityReports (FacilityId, Date);
CREATE INDEX IX_CapacityReports_Date ON CapacityReports (Date);

CREATE TABLE Persons (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    Cpr TEXT NOT NULL,
    FirstName TEXT NOT NULL,
    LastName TEXT NOT NULL,
    BirthDate TEXT NOT NULL,
    Gender TEXT NOT NULL,
    MunicipalityId INTEGER NOT NULL REFERENCES Municipalities (Id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX UX_Persons_Cpr ON Persons (Cpr);
CREATE INDEX IX_Persons_MunicipalityId ON Persons (MunicipalityId);

CREATE TABLE Placements (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    PersonId INTEGER NOT NULL REFERENCES Persons (Id) ON DELETE RESTRICT,
    UnitId INTEGER NOT NULL REFERENCES Units (Id) ON DELETE RESTRICT,
    FacilityId INTEGER NOT NULL REFERENCES Facilities (Id) ON DELETE RESTRICT,
    StartDate TEXT NOT NULL,
    EndDate TEXT NULL CHECK (EndDate IS NULL OR EndDate > StartDate),
    SupportMethod TEXT NOT NULL,
    ExceptionJustification TEXT NULL,
    ReferralRoute TEXT NULL,
    DischargeReason TEXT NULL,
    Destination TEXT NULL,
    NotificationDueDate TEXT NULL
);
CREATE INDEX IX_Placements_FacilityId_StartDate ON Placements (FacilityId, StartDate);
CREATE INDEX IX_Placements_UnitId_StartDate ON Placements (UnitId, StartDate);
CREATE INDEX IX_Placements_PersonId_StartDate ON Placements (PersonId, StartDate);

CREATE TABLE Waitlists (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    MunicipalityId INTEGER NOT NULL REFERENCES Municipalities (Id) ON DELETE RESTRICT,
    Name TEXT NOT NULL,
    Kind TEXT NOT NULL
);
CREATE INDEX IX_Waitlists_MunicipalityId ON Waitlists (MunicipalityId);

CREATE TABLE WaitlistEntries (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    WaitlistId INTEGER NOT NULL REFERENCES Waitlists (Id) ON DELETE RESTRICT,
    PersonId INTEGER NOT NULL REFERENCES Persons (Id) ON DELETE RESTRICT,
    AppliedOn TEXT NOT NULL,
    Priority TEXT NOT NULL,
    Status TEXT NOT NULL
);
CREATE INDEX IX_WaitlistEntries_WaitlistId_Status ON WaitlistEntries (WaitlistId, Status);
CREATE INDEX IX_WaitlistEntries_PersonId ON WaitlistEntries (PersonId);

CREATE TABLE Offers (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    WaitlistEntryId INTEGER NOT NULL REFERENCES WaitlistEntries (Id) ON DELETE RESTRICT,
    UnitId INTEGER NOT NULL REFERENCES Units (Id) ON DELETE RESTRICT,
    OfferedOn TEXT NOT NULL,
    RespondBy TEXT NOT NULL,
    Status TEXT NOT NULL,
    DeclineReason TEXT NULL
);
CREATE INDEX IX_Offers_WaitlistEntryId ON Offers (WaitlistEntryId);
CREATE INDEX IX_Offers_UnitId_Status ON Offers (UnitId, Status);
