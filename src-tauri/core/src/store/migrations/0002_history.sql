-- Schema version 2: section history.
-- A snapshot is a section's text at one moment. A snapshot outlives its section (a section
-- deleted by mistake keeps its words here), not its review: purging a review purges them.

CREATE TABLE section_snapshots (
    id         TEXT PRIMARY KEY,                -- UUID v7, so ids sort by time
    section_id TEXT NOT NULL,                   -- no foreign key: see above
    review_id  TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    taken_at   TEXT NOT NULL,                   -- RFC 3339 with the writer's offset
    body       TEXT NOT NULL,
    word_count INTEGER NOT NULL,
    name       TEXT,                            -- the critic's name for it, if they gave one
    reason     TEXT NOT NULL CHECK (reason IN ('pause', 'switch', 'restore', 'manual'))
);

-- Latest first is rowid order (insertion order), which this index carries.
CREATE INDEX section_snapshots_section ON section_snapshots(section_id);
CREATE INDEX section_snapshots_review ON section_snapshots(review_id);

-- Trash: reviews.deleted_at already exists; purging looks it up by date.
CREATE INDEX reviews_deleted ON reviews(deleted_at) WHERE deleted_at IS NOT NULL;
