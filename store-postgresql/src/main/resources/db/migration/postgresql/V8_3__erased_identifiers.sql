-- Erased people's strong identifiers, by keyed hash (never the value), with the erasure entry that recorded them: a
-- projection of the erasure entries, so every node refuses the same records when it applies them.
CREATE TABLE erased_identifiers (key TEXT COLLATE "C" PRIMARY KEY, entry BIGINT NOT NULL);
