-- Schema version 3: the critic's personal dictionary.
-- Words the spelling and name checks never flag. One row per word, compared without regard to
-- case (the checks also ignore accents when they compare).

CREATE TABLE dictionary_words (
    word     TEXT PRIMARY KEY COLLATE NOCASE,
    added_at TEXT NOT NULL                       -- RFC 3339 with the writer's offset
);
