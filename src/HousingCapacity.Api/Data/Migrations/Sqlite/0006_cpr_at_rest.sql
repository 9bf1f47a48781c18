-- Schema version 6: CPR numbers encrypted at rest. Persons.Cpr now holds ciphertext (AES-GCM); Persons.CprHash a keyed
-- hash for lookups and uniqueness. Existing clear-text rows are encrypted by the application right after this script
-- (DatabaseSetup.ProtectClearTextCprAsync): SQL cannot encrypt.
ALTER TABLE Persons ADD COLUMN CprHash TEXT NULL;
DROP INDEX UX_Persons_Cpr;
CREATE UNIQUE INDEX UX_Persons_CprHash ON Persons (CprHash);
