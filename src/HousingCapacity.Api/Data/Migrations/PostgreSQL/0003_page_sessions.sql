-- PostgreSQL schema version 3: the web pages' sessions, so that a user signed in through one API process is signed in on
-- every process (Security/PageSessionStore.cs). The cookie carries a random key; the table keeps only its SHA-256, so a reader
-- of the database cannot make a cookie, and the ticket protected with the application's data protection keys.
CREATE TABLE "PageSessions" (
    "KeyHash" text PRIMARY KEY,
    "Ticket" bytea NOT NULL,
    "ExpiresAt" timestamptz NOT NULL
);
CREATE INDEX "IX_PageSessions_ExpiresAt" ON "PageSessions" ("ExpiresAt");
