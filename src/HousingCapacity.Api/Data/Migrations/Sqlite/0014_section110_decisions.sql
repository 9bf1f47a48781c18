-- Schema version 14: decisions where the law puts them (issue 24; Serviceloven §110 stk. 4–5). Who admitted a person (the
-- place), who referred them (another municipality), the referral's reason, who ended a stay and in which capacity, and a
-- turnaway's grounds and who decided it. Stays recorded before keep these empty: who decided then is not known.
ALTER TABLE Placements ADD COLUMN AdmittedBy TEXT NULL;
ALTER TABLE Placements ADD COLUMN ReferredBy TEXT NULL;
ALTER TABLE Placements ADD COLUMN ReferralReason TEXT NULL;
ALTER TABLE Placements ADD COLUMN DischargeDecidedBy TEXT NULL;
ALTER TABLE Placements ADD COLUMN DischargeCapacity TEXT NULL;
ALTER TABLE Turnaways ADD COLUMN Explanation TEXT NULL;
ALTER TABLE Turnaways ADD COLUMN DecidedBy TEXT NULL;
