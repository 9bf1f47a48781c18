-- Schema version 5: when a unit went out of service, so that past months count its beds as in service before that.
ALTER TABLE Units ADD COLUMN OutOfServiceSince TEXT NULL;
