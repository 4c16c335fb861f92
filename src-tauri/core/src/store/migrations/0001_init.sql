-- Filmdesk library, schema version 1.
-- Dates are RFC 3339 text with the writer's offset; lists are JSON arrays of strings.

CREATE TABLE films (
    id              TEXT PRIMARY KEY,          -- UUID v7
    title           TEXT NOT NULL DEFAULT '',
    original_title  TEXT NOT NULL DEFAULT '',
    year            INTEGER,
    runtime_minutes INTEGER,
    directors       TEXT NOT NULL DEFAULT '[]',
    genres          TEXT NOT NULL DEFAULT '[]',
    countries       TEXT NOT NULL DEFAULT '[]',
    languages       TEXT NOT NULL DEFAULT '[]',
    where_to_watch  TEXT NOT NULL DEFAULT '',
    imdb_id         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE film_cast (
    film_id   TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    character TEXT NOT NULL,
    PRIMARY KEY (film_id, position)
);

CREATE TABLE reviews (
    id               TEXT PRIMARY KEY,         -- UUID v7
    film_id          TEXT NOT NULL REFERENCES films(id),
    rating_scale     TEXT NOT NULL,
    rating_step      INTEGER,                  -- the step on rating_scale, as given
    rating_canonical REAL,                     -- 0–100, for sorting and conversion
    byline           TEXT NOT NULL DEFAULT '',
    publication      TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '[]',
    links            TEXT NOT NULL DEFAULT '[]', -- [{"title":…,"url":…}]
    embargo          TEXT,
    status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'ready', 'published')),
    word_count       INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    published_at     TEXT,
    deleted_at       TEXT                      -- set when moved to the trash
);

CREATE INDEX reviews_updated ON reviews(updated_at);

CREATE TABLE sections (
    id          TEXT PRIMARY KEY,
    review_id   TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('headline', 'standfirst', 'body')),
    body        TEXT NOT NULL DEFAULT '',
    word_target INTEGER,
    spoiler     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX sections_review ON sections(review_id, position);

-- Preferences and UI state, one JSON document per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
