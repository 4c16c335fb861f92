-- The film log: films become first-class records shared by reviews and viewings.

-- Where the film is on Letterboxd (a film page such as https://boxd.it/2bcA), when known.
ALTER TABLE films ADD COLUMN letterboxd_uri TEXT NOT NULL DEFAULT '';
-- One record per film: 'imdb:tt…' when the IMDb id is known, else 'title:<normalised title>|<year>'.
-- Computed in Rust (log::dedupe_key) because the normalisation folds accents and punctuation.
-- NULL for films that only a review knows so far; the log claims them when it meets them.
ALTER TABLE films ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX films_dedupe ON films(dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX films_title ON films(title COLLATE NOCASE);

CREATE TABLE viewings (
    id               TEXT PRIMARY KEY,         -- UUID v7
    film_id          TEXT NOT NULL REFERENCES films(id),
    watched_on       TEXT NOT NULL CHECK (watched_on = date(watched_on)), -- YYYY-MM-DD
    rating_scale     TEXT NOT NULL,
    rating_step      INTEGER,
    rating_canonical REAL,
    rewatch          INTEGER NOT NULL DEFAULT 0,
    liked            INTEGER NOT NULL DEFAULT 0,
    place_kind       TEXT CHECK (place_kind IN ('cinema', 'festival', 'platform', 'home', 'other')),
    place            TEXT NOT NULL DEFAULT '',
    with_whom        TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '[]',
    review_id        TEXT REFERENCES reviews(id) ON DELETE SET NULL,
    -- Identity of an imported row ('letterboxd:<entry uri>|<date>'), so a re-import adds nothing.
    source_key       TEXT UNIQUE,
    created_at       TEXT NOT NULL
);

CREATE INDEX viewings_diary ON viewings(watched_on DESC, created_at DESC);
CREATE INDEX viewings_film ON viewings(film_id);

-- What the critic marked on the film itself rather than on one viewing (Letterboxd's ratings,
-- likes and "watched" without a date).
CREATE TABLE film_marks (
    film_id          TEXT PRIMARY KEY REFERENCES films(id) ON DELETE CASCADE,
    liked            INTEGER NOT NULL DEFAULT 0,
    watched          INTEGER NOT NULL DEFAULT 0,
    rating_scale     TEXT,
    rating_step      INTEGER,
    rating_canonical REAL,
    rated_on         TEXT
);

CREATE TABLE watchlist (
    film_id  TEXT PRIMARY KEY REFERENCES films(id) ON DELETE CASCADE,
    added_on TEXT NOT NULL             -- YYYY-MM-DD
);

-- Reviews brought in by an import, by the identity of their source row.
CREATE TABLE imported_reviews (
    source_key TEXT PRIMARY KEY,
    review_id  TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE
);

-- Deleting a review deletes its film when no other review uses it; a film the log still
-- holds (viewings, marks, watchlist) stays instead of failing the deletion.
CREATE TRIGGER films_kept_by_log BEFORE DELETE ON films
WHEN EXISTS (SELECT 1 FROM viewings WHERE film_id = OLD.id)
  OR EXISTS (SELECT 1 FROM film_marks WHERE film_id = OLD.id)
  OR EXISTS (SELECT 1 FROM watchlist WHERE film_id = OLD.id)
BEGIN
    SELECT RAISE(IGNORE);
END;
