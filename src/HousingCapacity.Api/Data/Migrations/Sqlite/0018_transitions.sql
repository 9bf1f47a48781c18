-- Schema version 18: transitions (overgange), known dates on which a person loses their roof: a release from prison, a discharge
-- from psychiatry or hospital, the end of treatment or of a § 107/§ 108 stay, an eviction (issue 28). Open on the officers'
-- worklist until a place is secured (the stay, bed hold or offer that secured it is kept by id, without a foreign key: a hold is
-- deleted when released), the person declines, or the date passes (lapsed).
CREATE TABLE Transitions (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    Version INTEGER NOT NULL DEFAULT 1,
    PersonId INTEGER NOT NULL REFERENCES Persons (Id) ON DELETE RESTRICT,
    MunicipalityId INTEGER NOT NULL REFERENCES Municipalities (Id) ON DELETE RESTRICT,
    Kind TEXT NOT NULL,
    LosesRoofOn TEXT NOT NULL,
    ComingFrom TEXT NOT NULL,
    ToldBy TEXT NOT NULL,
    ToldOn TEXT NOT NULL CHECK (ToldOn <= LosesRoofOn),
    ResponsibleOfficer TEXT NULL,
    Note TEXT NULL,
    Status TEXT NOT NULL CHECK (Status IN ('Open', 'PlaceSecured', 'DeclinedByPerson', 'Lapsed')),
    SecuredByPlacementId INTEGER NULL,
    SecuredByBedHoldId INTEGER NULL,
    SecuredByOfferId INTEGER NULL,
    ClosedOn TEXT NULL CHECK ((Status = 'Open') = (ClosedOn IS NULL)),
    DeclineReason TEXT NULL,
    RecordedBy TEXT NOT NULL
);
CREATE INDEX IX_Transitions_MunicipalityId_Status_LosesRoofOn ON Transitions (MunicipalityId, Status, LosesRoofOn);
CREATE INDEX IX_Transitions_PersonId ON Transitions (PersonId);

CREATE TRIGGER TR_Transitions_Dates_Insert BEFORE INSERT ON Transitions
WHEN date(NEW.LosesRoofOn) IS NOT NEW.LosesRoofOn OR date(NEW.ToldOn) IS NOT NEW.ToldOn
  OR (NEW.ClosedOn IS NOT NULL AND date(NEW.ClosedOn) IS NOT NEW.ClosedOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;

CREATE TRIGGER TR_Transitions_Dates_Update BEFORE UPDATE ON Transitions
WHEN date(NEW.LosesRoofOn) IS NOT NEW.LosesRoofOn OR date(NEW.ToldOn) IS NOT NEW.ToldOn
  OR (NEW.ClosedOn IS NOT NULL AND date(NEW.ClosedOn) IS NOT NEW.ClosedOn)
BEGIN
    SELECT RAISE(ABORT, 'InvalidDate: dates are written yyyy-MM-dd and instants yyyy-MM-ddTHH:mm:ss.fffffffZ');
END;
