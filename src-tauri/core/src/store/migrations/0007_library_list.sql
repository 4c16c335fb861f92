-- The library list (SUMMARY_SQL in store/reviews.rs) in its order: most recently edited first,
-- ties by id. reviews_updated held the edit time alone, so each page sorted its ties in a
-- temporary B-tree; this one gives the whole order, and replaces it.
CREATE INDEX reviews_list ON reviews(updated_at, id);
DROP INDEX reviews_updated;

-- Each review's headline, for the list. Without it the list read each review's headline row
-- from the sections table, whose pages hold every section's text: 10,000 reviews filled
-- SQLite's 8 MiB page cache with section bodies. Partial (headlines only), so it stays small.
CREATE INDEX sections_headline ON sections(review_id, position, body) WHERE role = 'headline';
