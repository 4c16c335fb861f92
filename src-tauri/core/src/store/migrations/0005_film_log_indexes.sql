-- Film log performance: the film match of an import (store::log::claim_unkeyed) looks among
-- the films that only a review knows (no dedupe key yet) for one with the same IMDb id, or the
-- same year and title. Without these it scanned every film for every film imported. Partial
-- indexes: they hold only the unkeyed films, usually few, so they cost next to nothing.
CREATE INDEX films_unkeyed_year ON films(year) WHERE dedupe_key IS NULL;
CREATE INDEX films_unkeyed_imdb ON films(imdb_id) WHERE dedupe_key IS NULL;
