//! The Letterboxd CSV import path: any bytes as one of the export's files are parsed and
//! type-checked row by row, and each review's HTML becomes Markdown, as `filmdesk import
//! letterboxd` does before it writes. A malformed file must be an error with its line, never a
//! panic.
#![no_main]

use filmdesk_core::letterboxd::{parse_file, review_markdown, KNOWN_FILES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file (each has its own required columns), the rest is its content.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let file = KNOWN_FILES[usize::from(pick) % KNOWN_FILES.len()];
    match parse_file(file, bytes) {
        Ok(rows) => {
            for row in rows {
                let _ = review_markdown(&row.review);
            }
        }
        Err(err) => {
            let message = err.to_string();
            assert!(
                message.contains(file),
                "the error names the file: {message}"
            );
        }
    }
});
