//! The library filtered and sorted in SQL.

use rusqlite::types::Value;

use super::reviews::summary_from_row;
use super::Store;
use crate::error::Result;
use crate::library::{LibraryFacets, LibraryFilter, LibrarySort};
use crate::model::ReviewSummary;

// SUMMARY_SQL's columns (see reviews.rs), with the WHERE and ORDER BY left to the filter.
const SELECT_SQL: &str = "
    SELECT r.id, f.title, f.year,
           COALESCE((SELECT s.body FROM sections s
                     WHERE s.review_id = r.id AND s.role = 'headline'
                     ORDER BY s.position LIMIT 1), ''),
           r.status, r.rating_scale, r.rating_step, r.word_count, r.updated_at
    FROM reviews r JOIN films f ON f.id = r.film_id
    WHERE r.deleted_at IS NULL";

const FACETS_SQL: [&str; 4] = [
    "SELECT DISTINCT f.year FROM reviews r JOIN films f ON f.id = r.film_id
     WHERE r.deleted_at IS NULL AND f.year IS NOT NULL ORDER BY f.year DESC",
    "SELECT DISTINCT trim(d.value) FROM reviews r JOIN films f ON f.id = r.film_id,
            json_each(f.directors) d
     WHERE r.deleted_at IS NULL AND trim(d.value) <> '' ORDER BY 1 COLLATE NOCASE",
    "SELECT DISTINCT trim(t.value) FROM reviews r, json_each(r.tags) t
     WHERE r.deleted_at IS NULL AND trim(t.value) <> '' ORDER BY 1 COLLATE NOCASE",
    "SELECT DISTINCT trim(publication) FROM reviews
     WHERE deleted_at IS NULL AND trim(publication) <> '' ORDER BY 1 COLLATE NOCASE",
];

impl Store {
    /// The live reviews that pass `filter`, in its order.
    pub fn filter_reviews(&self, filter: &LibraryFilter) -> Result<Vec<ReviewSummary>> {
        let mut sql = String::from(SELECT_SQL);
        let mut params: Vec<Value> = Vec::new();
        let mut clause = |sql_part: &str, value: Option<Value>| {
            sql.push_str(" AND ");
            if let Some(value) = value {
                params.push(value);
                sql.push_str(&sql_part.replace('?', &format!("?{}", params.len())));
            } else {
                sql.push_str(sql_part);
            }
        };
        if let Some(status) = filter.status {
            clause("r.status = ?", Some(Value::Text(status.as_str().into())));
        }
        if let Some(min) = filter.rating_min {
            clause("r.rating_canonical >= ?", Some(Value::Real(min)));
        }
        if let Some(max) = filter.rating_max {
            clause("r.rating_canonical <= ?", Some(Value::Real(max)));
        }
        if let Some(year) = filter.year {
            clause("f.year = ?", Some(Value::Integer(year.into())));
        }
        if let Some(director) = non_empty(&filter.director) {
            clause(
                "EXISTS (SELECT 1 FROM json_each(f.directors) WHERE trim(value) = ? COLLATE NOCASE)",
                Some(director),
            );
        }
        if let Some(tag) = non_empty(&filter.tag) {
            clause(
                "EXISTS (SELECT 1 FROM json_each(r.tags) WHERE trim(value) = ? COLLATE NOCASE)",
                Some(tag),
            );
        }
        if let Some(publication) = non_empty(&filter.publication) {
            clause("trim(r.publication) = ? COLLATE NOCASE", Some(publication));
        }
        match filter.spoilers {
            Some(true) => clause(
                "EXISTS (SELECT 1 FROM sections WHERE review_id = r.id AND spoiler = 1)",
                None,
            ),
            Some(false) => clause(
                "NOT EXISTS (SELECT 1 FROM sections WHERE review_id = r.id AND spoiler = 1)",
                None,
            ),
            None => {}
        }
        sql.push_str(match filter.sort {
            LibrarySort::Edited => " ORDER BY r.updated_at DESC, r.id DESC",
            LibrarySort::Created => " ORDER BY r.created_at DESC, r.id DESC",
            LibrarySort::FilmYear => " ORDER BY f.year IS NULL, f.year DESC, r.updated_at DESC",
            LibrarySort::Rating => {
                " ORDER BY r.rating_canonical IS NULL, r.rating_canonical DESC, r.updated_at DESC"
            }
        });
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The years, directors, tags and publications of the live reviews, for the filters.
    pub fn library_facets(&self) -> Result<LibraryFacets> {
        let strings = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let years = {
            let mut stmt = self.conn.prepare_cached(FACETS_SQL[0])?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(LibraryFacets {
            years,
            directors: strings(FACETS_SQL[1])?,
            tags: strings(FACETS_SQL[2])?,
            publications: strings(FACETS_SQL[3])?,
        })
    }
}

fn non_empty(value: &Option<String>) -> Option<Value> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| Value::Text(v.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // A test that cannot unwrap has failed.
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::rating::{Rating, RatingScale};
    use crate::settings::Settings;
    use crate::templates::TemplateId;

    fn add(store: &mut Store, title: &str, year: i32, stars: Option<u8>, spoiler: bool) -> String {
        let mut review = store
            .create_review(TemplateId::Feature, &Settings::default())
            .unwrap();
        review.film.title = title.into();
        review.film.year = Some(year);
        review.film.directors = vec![format!("{title} Director")];
        review.tags = vec!["festival".into()];
        review.publication = if year > 2000 { "Sight" } else { "" }.into();
        review.status = if spoiler {
            Status::Ready
        } else {
            Status::Draft
        };
        review.sections[1].spoiler = spoiler;
        review.rating = match stars {
            Some(step) => Rating::new(RatingScale::FiveStars, step.into()).unwrap(),
            None => Rating::unrated(RatingScale::FiveStars),
        };
        store.save_review(&review).unwrap().id
    }

    fn titles(list: &[ReviewSummary]) -> Vec<&str> {
        list.iter().map(|s| s.film_title.as_str()).collect()
    }

    #[test]
    fn filters_combine_and_sorts_order() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "Alpha", 1999, Some(8), true);
        add(&mut store, "Beta", 2010, Some(4), false);
        add(&mut store, "Gamma", 2020, None, false);

        let all = |sort| LibraryFilter {
            sort,
            ..LibraryFilter::default()
        };
        assert_eq!(
            titles(&store.filter_reviews(&all(LibrarySort::Edited)).unwrap()),
            ["Gamma", "Beta", "Alpha"]
        );
        assert_eq!(
            titles(&store.filter_reviews(&all(LibrarySort::Rating)).unwrap()),
            ["Alpha", "Beta", "Gamma"]
        );
        assert_eq!(
            titles(&store.filter_reviews(&all(LibrarySort::FilmYear)).unwrap()),
            ["Gamma", "Beta", "Alpha"]
        );
        assert_eq!(
            titles(&store.filter_reviews(&all(LibrarySort::Created)).unwrap()),
            ["Gamma", "Beta", "Alpha"]
        );

        let only = |f: LibraryFilter| titles(&store.filter_reviews(&f).unwrap()).join(",");
        let none = LibraryFilter::default;
        assert_eq!(
            only(LibraryFilter {
                status: Some(Status::Ready),
                ..none()
            }),
            "Alpha"
        );
        assert_eq!(
            only(LibraryFilter {
                rating_min: Some(50.0),
                ..none()
            }),
            "Alpha"
        );
        assert_eq!(
            only(LibraryFilter {
                rating_max: Some(50.0),
                ..none()
            }),
            "Beta"
        );
        assert_eq!(
            only(LibraryFilter {
                year: Some(2010),
                ..none()
            }),
            "Beta"
        );
        assert_eq!(
            only(LibraryFilter {
                director: Some("gamma director".into()),
                ..none()
            }),
            "Gamma"
        );
        assert_eq!(
            only(LibraryFilter {
                tag: Some("Festival".into()),
                ..none()
            }),
            "Gamma,Beta,Alpha"
        );
        assert_eq!(
            only(LibraryFilter {
                publication: Some("sight".into()),
                ..none()
            }),
            "Gamma,Beta"
        );
        assert_eq!(
            only(LibraryFilter {
                spoilers: Some(true),
                ..none()
            }),
            "Alpha"
        );
        assert_eq!(
            only(LibraryFilter {
                spoilers: Some(false),
                publication: Some("Sight".into()),
                year: Some(2020),
                ..none()
            }),
            "Gamma"
        );

        let facets = store.library_facets().unwrap();
        assert_eq!(facets.years, [2020, 2010, 1999]);
        assert_eq!(
            facets.directors,
            ["Alpha Director", "Beta Director", "Gamma Director"]
        );
        assert_eq!(facets.tags, ["festival"]);
        assert_eq!(facets.publications, ["Sight"]);
    }
}
