-- Schema version 7: access control and the access log.
-- Placements remember the municipality responsible for the person when the stay was made: its housing officers see the
-- stay (the query filters need it without going through Persons). Existing stays take the person's municipality.
ALTER TABLE Placements ADD COLUMN ResponsibleMunicipalityId INTEGER NULL REFERENCES Municipalities (Id);
UPDATE Placements SET ResponsibleMunicipalityId = (SELECT p.MunicipalityId FROM Persons p WHERE p.Id = Placements.PersonId);
CREATE INDEX IX_Placements_ResponsibleMunicipalityId ON Placements (ResponsibleMunicipalityId);

-- Who read or changed which person's data, when, how and why. Append-only: the database refuses to change or remove a line.
CREATE TABLE AccessLog (
    Id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    At TEXT NOT NULL,
    UserName TEXT NOT NULL,
    Role TEXT NOT NULL,
    MunicipalityCode INTEGER NULL,
    Operation TEXT NOT NULL,
    Request TEXT NOT NULL,
    Purpose TEXT NULL,
    PersonId INTEGER NULL
);
CREATE INDEX IX_AccessLog_PersonId ON AccessLog (PersonId);

CREATE TRIGGER TR_AccessLog_NoUpdate BEFORE UPDATE ON AccessLog
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: access log lines cannot be changed');
END;

CREATE TRIGGER TR_AccessLog_NoDelete BEFORE DELETE ON AccessLog
BEGIN
    SELECT RAISE(ABORT, 'AccessLogAppendOnly: access log lines cannot be deleted');
END;
