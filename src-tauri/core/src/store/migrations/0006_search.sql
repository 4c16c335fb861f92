-- Full-text search over the library (FTS5).
--
-- One document per section of a review that is not in the trash (the headline in the `title`
-- column, other sections in `body`), one per film (titles in `title`, directors and cast in
-- `people`), one per viewing (its notes in `body`, who it was with in `people`). A section is
-- its own document so that saving one section re-indexes only that section, not the whole
-- review. `search_docs` maps an FTS rowid to what it indexes; triggers keep both in step with
-- every write, whichever code path makes it (saves, imports, the log, trash and restore).
--
-- unicode61 with remove_diacritics 2 folds accents in the text and in the query alike, so
-- "Cicek" finds "Çiçek". Prefix indexes for 2 and 3 characters keep search-as-you-type cheap.
--
-- Written to be safe to run on a library that has it already (IF NOT EXISTS, then a rebuild).

CREATE TABLE IF NOT EXISTS search_docs (
    doc       INTEGER PRIMARY KEY,                 -- the rowid in search_fts
    kind      TEXT NOT NULL CHECK (kind IN ('section', 'film', 'viewing')),
    ref_id    TEXT NOT NULL,                       -- sections.id, films.id or viewings.id
    review_id TEXT,                                -- for a section: its review
    UNIQUE (kind, ref_id)
);
CREATE INDEX IF NOT EXISTS search_docs_review ON search_docs(review_id) WHERE review_id IS NOT NULL;

CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, people, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- What a film document says: its titles, and its people ("Director; Actor (Character), …").
CREATE VIEW IF NOT EXISTS search_film_text AS
SELECT f.id AS film_id,
       f.title || CASE WHEN f.original_title NOT IN ('', f.title)
                       THEN ' / ' || f.original_title ELSE '' END AS title,
       concat_ws('; ',
           NULLIF((SELECT group_concat(value, ', ') FROM json_each(f.directors)), ''),
           NULLIF((SELECT group_concat(CASE WHEN c.character = '' THEN c.actor
                                            ELSE c.actor || ' (' || c.character || ')' END, ', ')
                   FROM (SELECT actor, character FROM film_cast
                         WHERE film_id = f.id ORDER BY position) c), '')) AS people
FROM films f;

-- Sections ----------------------------------------------------------------------------------

CREATE TRIGGER IF NOT EXISTS search_section_insert AFTER INSERT ON sections
WHEN (SELECT deleted_at FROM reviews WHERE id = NEW.review_id) IS NULL
BEGIN
    INSERT INTO search_docs (kind, ref_id, review_id) VALUES ('section', NEW.id, NEW.review_id);
    INSERT INTO search_fts (rowid, title, people, body)
    VALUES (last_insert_rowid(),
            CASE WHEN NEW.role = 'headline' THEN NEW.body ELSE '' END, '',
            CASE WHEN NEW.role = 'headline' THEN '' ELSE NEW.body END);
END;

-- Saving upserts every section; only a changed text or role costs a re-index.
CREATE TRIGGER IF NOT EXISTS search_section_update AFTER UPDATE OF body, role ON sections
WHEN OLD.body IS NOT NEW.body OR OLD.role IS NOT NEW.role
BEGIN
    UPDATE search_fts
    SET title = CASE WHEN NEW.role = 'headline' THEN NEW.body ELSE '' END,
        body = CASE WHEN NEW.role = 'headline' THEN '' ELSE NEW.body END
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'section' AND ref_id = NEW.id);
END;

CREATE TRIGGER IF NOT EXISTS search_section_delete AFTER DELETE ON sections
BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'section' AND ref_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'section' AND ref_id = OLD.id;
END;

-- Reviews: the trash takes a review's sections out of the index, a restore puts them back -------

CREATE TRIGGER IF NOT EXISTS search_review_trash AFTER UPDATE OF deleted_at ON reviews
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
    DELETE FROM search_fts
    WHERE rowid IN (SELECT doc FROM search_docs WHERE review_id = NEW.id);
    DELETE FROM search_docs WHERE review_id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS search_review_restore AFTER UPDATE OF deleted_at ON reviews
WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL
BEGIN
    INSERT OR IGNORE INTO search_docs (kind, ref_id, review_id)
    SELECT 'section', id, review_id FROM sections WHERE review_id = NEW.id;
    INSERT INTO search_fts (rowid, title, people, body)
    SELECT d.doc,
           CASE WHEN s.role = 'headline' THEN s.body ELSE '' END, '',
           CASE WHEN s.role = 'headline' THEN '' ELSE s.body END
    FROM search_docs d JOIN sections s ON s.id = d.ref_id
    WHERE d.kind = 'section' AND d.review_id = NEW.id;
END;

-- Purging a review cascades to its sections (whose trigger cleans up); this covers the rest.
CREATE TRIGGER IF NOT EXISTS search_review_delete AFTER DELETE ON reviews
BEGIN
    DELETE FROM search_fts
    WHERE rowid IN (SELECT doc FROM search_docs WHERE review_id = OLD.id);
    DELETE FROM search_docs WHERE review_id = OLD.id;
END;

-- Films and their cast ----------------------------------------------------------------------

CREATE TRIGGER IF NOT EXISTS search_film_insert AFTER INSERT ON films
BEGIN
    INSERT INTO search_docs (kind, ref_id) VALUES ('film', NEW.id);
    INSERT INTO search_fts (rowid, title, people, body)
    SELECT last_insert_rowid(), t.title, COALESCE(t.people, ''), ''
    FROM search_film_text t WHERE t.film_id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS search_film_update
AFTER UPDATE OF title, original_title, directors ON films
WHEN OLD.title IS NOT NEW.title OR OLD.original_title IS NOT NEW.original_title
  OR OLD.directors IS NOT NEW.directors
BEGIN
    UPDATE search_fts
    SET (title, people) = (SELECT t.title, COALESCE(t.people, '')
                           FROM search_film_text t WHERE t.film_id = NEW.id)
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'film' AND ref_id = NEW.id);
END;

CREATE TRIGGER IF NOT EXISTS search_film_delete AFTER DELETE ON films
BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'film' AND ref_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'film' AND ref_id = OLD.id;
END;

CREATE TRIGGER IF NOT EXISTS search_cast_insert AFTER INSERT ON film_cast
BEGIN
    UPDATE search_fts
    SET people = (SELECT COALESCE(t.people, '') FROM search_film_text t WHERE t.film_id = NEW.film_id)
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'film' AND ref_id = NEW.film_id);
END;

CREATE TRIGGER IF NOT EXISTS search_cast_update AFTER UPDATE ON film_cast
BEGIN
    UPDATE search_fts
    SET people = (SELECT COALESCE(t.people, '') FROM search_film_text t WHERE t.film_id = NEW.film_id)
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'film' AND ref_id = NEW.film_id);
END;

CREATE TRIGGER IF NOT EXISTS search_cast_delete AFTER DELETE ON film_cast
BEGIN
    UPDATE search_fts
    SET people = (SELECT COALESCE(t.people, '') FROM search_film_text t WHERE t.film_id = OLD.film_id)
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'film' AND ref_id = OLD.film_id);
END;

-- Viewings ----------------------------------------------------------------------------------

CREATE TRIGGER IF NOT EXISTS search_viewing_insert AFTER INSERT ON viewings
BEGIN
    INSERT INTO search_docs (kind, ref_id) VALUES ('viewing', NEW.id);
    INSERT INTO search_fts (rowid, title, people, body)
    VALUES (last_insert_rowid(), '', NEW.with_whom, NEW.notes);
END;

CREATE TRIGGER IF NOT EXISTS search_viewing_update AFTER UPDATE OF notes, with_whom ON viewings
WHEN OLD.notes IS NOT NEW.notes OR OLD.with_whom IS NOT NEW.with_whom
BEGIN
    UPDATE search_fts SET people = NEW.with_whom, body = NEW.notes
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'viewing' AND ref_id = NEW.id);
END;

CREATE TRIGGER IF NOT EXISTS search_viewing_delete AFTER DELETE ON viewings
BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT doc FROM search_docs WHERE kind = 'viewing' AND ref_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'viewing' AND ref_id = OLD.id;
END;

-- Build the index from what the library holds now ---------------------------------------------

DELETE FROM search_fts;
DELETE FROM search_docs;

INSERT INTO search_docs (kind, ref_id, review_id)
SELECT 'section', s.id, s.review_id
FROM sections s JOIN reviews r ON r.id = s.review_id WHERE r.deleted_at IS NULL;
INSERT INTO search_docs (kind, ref_id) SELECT 'film', id FROM films;
INSERT INTO search_docs (kind, ref_id) SELECT 'viewing', id FROM viewings;

INSERT INTO search_fts (rowid, title, people, body)
SELECT d.doc,
       CASE WHEN s.role = 'headline' THEN s.body ELSE '' END, '',
       CASE WHEN s.role = 'headline' THEN '' ELSE s.body END
FROM search_docs d JOIN sections s ON s.id = d.ref_id WHERE d.kind = 'section';

INSERT INTO search_fts (rowid, title, people, body)
SELECT d.doc, t.title, COALESCE(t.people, ''), ''
FROM search_docs d JOIN search_film_text t ON t.film_id = d.ref_id WHERE d.kind = 'film';

INSERT INTO search_fts (rowid, title, people, body)
SELECT d.doc, '', v.with_whom, v.notes
FROM search_docs d JOIN viewings v ON v.id = d.ref_id WHERE d.kind = 'viewing';

INSERT INTO search_fts (search_fts) VALUES ('optimize');
