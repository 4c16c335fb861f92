//! Letterboxd's CSV files, row by row: header checked by name, every field checked for its
//! type. A wrong field fails the whole import with the file, the line and the reason.

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// A row of any Letterboxd file; fields a file does not have stay empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The line the record starts on (1 is the header).
    pub line: u64,
    /// `Date`: when the entry was made on Letterboxd.
    pub date: Option<NaiveDate>,
    pub name: String,
    pub year: Option<i32>,
    pub uri: String,
    /// Step on the five-star scale (0.5 stars = 1).
    pub rating: Option<u16>,
    pub rewatch: bool,
    pub tags: Vec<String>,
    pub watched_date: Option<NaiveDate>,
    /// HTML, as Letterboxd exports it.
    pub review: String,
}

/// The columns a file must have, per PRODUCT.md.
pub fn required_columns(file: &str) -> &'static [&'static str] {
    match file {
        "diary.csv" => &[
            "Date",
            "Name",
            "Year",
            "Letterboxd URI",
            "Rating",
            "Rewatch",
            "Tags",
            "Watched Date",
        ],
        "reviews.csv" => &[
            "Date",
            "Name",
            "Year",
            "Letterboxd URI",
            "Rating",
            "Rewatch",
            "Review",
            "Tags",
            "Watched Date",
        ],
        "ratings.csv" => &["Date", "Name", "Year", "Letterboxd URI", "Rating"],
        _ => &["Date", "Name", "Year", "Letterboxd URI"],
    }
}

/// Parses one file. `bytes` may start with a byte-order mark; quoted fields may span lines.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<Row>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let fail = |line: u64, reason: String| Error::invalid(format!("{file} line {line}: {reason}"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| fail(1, csv_reason(&e)))?
        .clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
        return Err(fail(1, "the file is empty: no header line".into()));
    }
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let mut index = std::collections::HashMap::new();
    for name in required_columns(file) {
        let at = column(name).ok_or_else(|| {
            fail(
                1,
                format!(
                    "missing column \"{name}\" (the header is \"{}\")",
                    headers.iter().collect::<Vec<_>>().join(",")
                ),
            )
        })?;
        index.insert(*name, at);
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            fail(line, csv_reason(&e))
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| index.get(name).map_or("", |&i| record.get(i).unwrap_or(""));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |name: &str, reason: String| fail(line, format!("{name} {reason}"));
        let mut row = Row {
            line,
            name: get("Name").trim().to_string(),
            uri: get("Letterboxd URI").trim().to_string(),
            review: get("Review").to_string(),
            ..Row::default()
        };
        row.date = parse_date(get("Date")).map_err(|r| field("Date", r))?;
        row.watched_date = parse_date(get("Watched Date")).map_err(|r| field("Watched Date", r))?;
        row.year = parse_year(get("Year")).map_err(|r| field("Year", r))?;
        row.rating = parse_rating(get("Rating")).map_err(|r| field("Rating", r))?;
        row.rewatch = match get("Rewatch").trim() {
            "" | "No" | "no" => false,
            "Yes" | "yes" => true,
            other => return Err(field("Rewatch", format!("\"{other}\" is not Yes or empty"))),
        };
        row.tags = get("Tags")
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        rows.push(row);
    }
    Ok(rows)
}

fn csv_reason(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_string(),
        csv::ErrorKind::Io(e) => format!("unreadable ({e})"),
        _ => format!("malformed CSV ({err})"),
    }
}

fn parse_date(text: &str) -> std::result::Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("\"{text}\" is not a date (YYYY-MM-DD)"))
}

fn parse_year(text: &str) -> std::result::Result<Option<i32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i32>() {
        Ok(year) if (1870..=2200).contains(&year) => Ok(Some(year)),
        _ => Err(format!("\"{text}\" is not a film's year")),
    }
}

/// "3.5" → step 7 on five stars. Letterboxd rates 0.5 to 5 in halves; empty is unrated.
fn parse_rating(text: &str) -> std::result::Result<Option<u16>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("\"{text}\" is not a rating from 0.5 to 5 in halves");
    let value: f64 = text.parse().map_err(|_| bad())?;
    let doubled = value * 2.0;
    if !(1.0..=10.0).contains(&doubled) || doubled.fract() != 0.0 {
        return Err(bad());
    }
    Ok(Some(doubled as u16))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;

    #[test]
    fn quirks_of_real_exports_are_read() {
        let csv = "\u{FEFF}Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n\
                   2024-03-02,\"Crouching Tiger, Hidden Dragon\",2000,https://boxd.it/a,4.5,Yes,\"Line one\nline \"\"two\"\"\",\"wuxia, rewatch\",2024-03-01\n\
                   2024-03-03,Amélie,2001,https://boxd.it/b,,,,,2024-03-03\n";
        let rows = parse("reviews.csv", csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "Crouching Tiger, Hidden Dragon");
        assert_eq!(rows[0].rating, Some(9));
        assert!(rows[0].rewatch);
        assert_eq!(rows[0].review, "Line one\nline \"two\"");
        assert_eq!(rows[0].tags, vec!["wuxia", "rewatch"]);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].name, "Amélie");
        assert_eq!(rows[1].rating, None);
        assert_eq!(rows[1].line, 4, "the quoted field spanned a line");
    }

    #[test]
    fn wrong_fields_name_file_line_and_reason() {
        let csv = "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Heat,1995,u,4\n2024-01-02,Ran,1985,u,3.7\n";
        let err = parse("ratings.csv", csv.as_bytes())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ratings.csv line 3: Rating \"3.7\" is not a rating from 0.5 to 5 in halves"
        );
        let err = parse("watched.csv", b"Date,Name,Letterboxd URI\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("watched.csv line 1: missing column \"Year\""),
            "{err}"
        );
        let err = parse(
            "watched.csv",
            b"Date,Name,Year,Letterboxd URI\n01/02/2024,Heat,1995,u\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "watched.csv line 2: Date \"01/02/2024\" is not a date (YYYY-MM-DD)"
        );
        let err = parse(
            "watched.csv",
            b"Date,Name,Year,Letterboxd URI\n2024-01-01,Heat\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "watched.csv line 2: the row has 2 fields where the header has 4"
        );
    }
}
