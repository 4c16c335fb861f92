//! Queries the export needs: the library's review ids, so a batch can load one review at a
//! time.

use super::Store;
use crate::error::Result;

impl Store {
    /// Every review's id (not in the trash), oldest first.
    pub fn review_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM reviews WHERE deleted_at IS NULL ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
