-- Schema version 17: why an urgent waitlist entry goes first (issue 27.5), so that the officer offering the next unit sees the reason
-- an entry is ahead of those who applied earlier. Null for normal entries and for urgent entries made before.
ALTER TABLE WaitlistEntries ADD COLUMN PriorityReason TEXT NULL;
