// Generated from the Rust types in src-tauri/core by ts-rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p filmdesk-core bindings` after changing them.

export type ErrorCode = "not_found" | "invalid_input" | "schema_too_new" | "corrupt" | "busy" | "already_exists" | "io" | "database" | "internal";

export type ErrorPayload = { code: ErrorCode, message: string, };

export type FindingKind = "name" | "spelling" | "repetition" | "length" | "spoiler" | "readiness";

export type Severity = "error" | "warning" | "info";

export type Finding = { kind: FindingKind, severity: Severity, 
/**
 * A stable identifier of the rule ("name.near_miss", "spelling.unknown", ...).
 */
code: string, 
/**
 * The section it is in; `None` for the review as a whole.
 */
section_id: string | null, 
/**
 * Range in the section body in UTF-16 code units (CodeMirror positions); empty when the
 * finding is about a whole section or the review.
 */
start: number, end: number, 
/**
 * The same range in UTF-8 bytes.
 */
byte_start: number, byte_end: number, 
/**
 * The text in the range.
 */
text: string, message: string, 
/**
 * Replacements for the range, best first.
 */
suggestions: Array<string>, };

export type Status = "draft" | "ready" | "published";

export type SectionRole = "headline" | "standfirst" | "body";

export type Section = { id: string, 
/**
 * The section's heading as the critic named it ("Performances").
 */
title: string, role: SectionRole, 
/**
 * Markdown source.
 */
body: string, 
/**
 * Optional word budget; the editor warns past it.
 */
word_target: number | null, 
/**
 * The section gives away the plot; exports mark it.
 */
spoiler: boolean, };

export type CastMember = { actor: string, character: string, };

export type FilmFacts = { title: string, original_title: string, year: number | null, runtime_minutes: number | null, directors: Array<string>, cast: Array<CastMember>, genres: Array<string>, countries: Array<string>, languages: Array<string>, 
/**
 * Where readers can see it ("In cinemas", "Streaming on …").
 */
where_to_watch: string, 
/**
 * IMDb title id such as `tt0000001`, or empty.
 */
imdb_id: string, };

export type RelatedLink = { title: string, url: string, };

export type Review = { id: string, film: FilmFacts, sections: Array<Section>, rating: Rating, byline: string, publication: string, tags: Array<string>, links: Array<RelatedLink>, 
/**
 * The article must not be published before this moment.
 */
embargo: string | null, status: Status, created_at: string, updated_at: string, published_at: string | null, 
/**
 * Hunspell dictionary for this review's spelling check (`en_US`, `en_GB`); `None` follows
 * the default in the settings. Absent from data written before it existed.
 */
lang: string | null, };

export type ReviewSummary = { id: string, film_title: string, film_year: number | null, headline: string, status: Status, rating: Rating, word_count: number, updated_at: string, };

export type RatingScale = "five_stars" | "four_stars" | "ten_points" | "hundred_points" | "letter";

export type Rating = { scale: RatingScale, 
/**
 * `None` until the critic rates; otherwise 0..=scale's max step.
 */
step: number | null, };

export type ScaleInfo = { scale: RatingScale, label: string, steps: Array<StepInfo>, };

export type StepInfo = { step: number, display: string, accessible: string, canonical: number, };

export type TemplateId = "feature" | "capsule" | "festival_dispatch" | "blank";

export type Template = { id: TemplateId, name: string, description: string, sections: Array<TemplateSection>, };

export type TemplateSection = { title: string, role: SectionRole, word_target: number | null, };

export type Theme = "system" | "light" | "dark";

export type Settings = { 
/**
 * Byline for new reviews.
 */
author_name: string, 
/**
 * Publication for new reviews.
 */
publication: string, default_scale: RatingScale, default_template: TemplateId, theme: Theme, 
/**
 * What the Export dialog starts with (and "Copy as Markdown" uses).
 */
export_format: ExportFormat, 
/**
 * The front matter of Markdown exports, for the critic's site generator.
 */
export_preset: Preset, 
/**
 * Hunspell dictionary for reviews that do not choose their own (`en_US`, `en_GB`).
 */
spelling_lang: string, };

export type UiState = { open_review_id: string | null, focused_section_id: string | null, 
/**
 * Whether the preview pane is shown.
 */
preview_open: boolean, };

export type SnapshotReason = "pause" | "switch" | "restore" | "manual";

export type SnapshotInfo = { id: string, section_id: string, review_id: string, taken_at: string, word_count: number, 
/**
 * The critic's name for it ("Sent to the editor"), if any.
 */
name: string | null, reason: SnapshotReason, };

export type Snapshot = { info: SnapshotInfo, 
/**
 * The section's Markdown source at `info.taken_at`.
 */
body: string, };

export type DiffKind = "same" | "added" | "removed";

export type DiffPart = { kind: DiffKind, text: string, };

export type TrashedReview = { review: ReviewSummary, deleted_at: string, 
/**
 * When it will be deleted for good (at the first launch after this moment).
 */
purge_after: string, };

export type BackupKind = "regular" | "before_upgrade";

export type BackupInfo = { path: string, file_name: string, taken_at: string, kind: BackupKind, 
/**
 * Reviews in it (not counting its trash); `None` when it cannot be read as a library.
 */
review_count: number | null, 
/**
 * Size in bytes.
 */
size: number, };

export type RestoreReport = { 
/**
 * The backup that is now the library.
 */
restored_from: string, 
/**
 * Where the library that was replaced went (`None` when there was none).
 */
set_aside: string | null, 
/**
 * Whether the replaced library was damaged.
 */
replaced_was_damaged: boolean, };

export type ExportFormat = "html" | "html_fragment" | "markdown" | "json";

export type Preset = "hugo" | "jekyll" | "astro" | "none";

export type ExportOptions = { format: ExportFormat, 
/**
 * Only used by the Markdown format.
 */
preset: Preset, 
/**
 * The page's language (`<html lang>`), a BCP 47 tag such as `en` or `tr`.
 */
lang: string, };

export type BatchProgress = { done: number, total: number, 
/**
 * The file just written, relative to the export folder.
 */
current: string, };

export type BatchReport = { written: number, total: number, 
/**
 * The run stopped because the cancel flag was set; the files written stay.
 */
cancelled: boolean, };

export type LibrarySort = "edited" | "created" | "film_year" | "rating";

export type LibraryFilter = { status: Status | null, 
/**
 * Canonical rating bounds (0–100), inclusive; either bound excludes unrated reviews.
 */
rating_min: number | null, rating_max: number | null, year: number | null, 
/**
 * One of the film's directors, exactly (case aside).
 */
director: string | null, tag: string | null, publication: string | null, 
/**
 * Some(true): only reviews with a spoiler section; Some(false): only those without.
 */
spoilers: boolean | null, sort: LibrarySort, };

export type LibraryFacets = { 
/**
 * Newest first.
 */
years: Array<number>, directors: Array<string>, tags: Array<string>, publications: Array<string>, };

export type SearchKind = "review" | "film" | "viewing";

export type SnippetPart = { text: string, hit: boolean, };

export type SearchHit = { kind: SearchKind, 
/**
 * The review's, the film's or the viewing's id, after `kind`.
 */
id: string, 
/**
 * The review to open: the review itself, the film's latest review, the viewing's review.
 */
review_id: string | null, film_id: string, film_title: string, film_year: number | null, 
/**
 * The review's headline (reviews only; may be empty).
 */
headline: string, 
/**
 * When the film was watched, YYYY-MM-DD (viewings only).
 */
watched_on: string | null, 
/**
 * Where the words were found: "Headline", a section's title, "Film", "Viewing notes".
 */
field: string, snippet: Array<SnippetPart>, };

export type SearchResults = { reviews: Array<SearchHit>, films: Array<SearchHit>, viewings: Array<SearchHit>, };

export type PlaceKind = "cinema" | "festival" | "platform" | "home" | "other";

export type Viewing = { id: string, film_id: string, 
/**
 * The day it was watched, `YYYY-MM-DD`.
 */
watched_on: string, rating: Rating, rewatch: boolean, liked: boolean, place_kind: PlaceKind | null, 
/**
 * The cinema, festival or platform by name ("Curzon Soho", "Berlinale", "MUBI").
 */
place: string, with_whom: string, notes: string, tags: Array<string>, 
/**
 * The review written about this viewing, if any.
 */
review_id: string | null, created_at: string, };

export type FilmChoice = { "kind": "existing", id: string, } | { "kind": "new", facts: FilmFacts, };

export type NewViewing = { film: FilmChoice, watched_on: string, rating: Rating, rewatch: boolean, liked: boolean, place_kind: PlaceKind | null, place: string, with_whom: string, notes: string, tags: Array<string>, review_id: string | null, };

export type FilmSummary = { id: string, title: string, year: number | null, directors: Array<string>, };

export type DiaryEntry = { viewing: Viewing, film: FilmSummary, };

export type FilmRecord = { id: string, facts: FilmFacts, 
/**
 * The film's Letterboxd page, or empty.
 */
letterboxd_uri: string, liked: boolean, 
/**
 * Marked as seen without a dated viewing (Letterboxd's "watched").
 */
watched: boolean, 
/**
 * The rating given to the film itself (Letterboxd's ratings), apart from any viewing's.
 */
rating: Rating | null, on_watchlist: boolean, };

export type FilmPage = { film: FilmRecord, viewings: Array<Viewing>, reviews: Array<ReviewSummary>, };

export type FilmMatch = { id: string, title: string, year: number | null, directors: Array<string>, viewings: number, };

export type WatchlistEntry = { film: FilmSummary, added_on: string, };

export type MonthCount = { 
/**
 * 1 to 12.
 */
month: number, viewings: number, };

export type RatingBin = { 
/**
 * Step on the five-star scale, 0 to 10.
 */
step: number, 
/**
 * "3½".
 */
label: string, viewings: number, };

export type NameCount = { name: string, viewings: number, };

export type LogTotals = { viewings: number, films: number, 
/**
 * Sum of runtimes of the viewings whose film has one.
 */
minutes: number, rated: number, reviews: number, };

export type LogStats = { year: number | null, 
/**
 * Years that have viewings, newest first, for the year picker.
 */
years: Array<number>, 
/**
 * Twelve entries, January first (all zero when `year` is `None`).
 */
per_month: Array<MonthCount>, 
/**
 * Eleven bins, 0 to 5 stars in halves.
 */
ratings: Array<RatingBin>, top_directors: Array<NameCount>, top_countries: Array<NameCount>, top_genres: Array<NameCount>, first_watches: number, rewatches: number, totals: LogTotals, };

export type ImportCounts = { films: number, viewings: number, reviews: number, ratings: number, likes: number, watched: number, watchlist: number, };

export type SkippedRow = { file: string, line: number, reason: string, };

export type ImportReport = { added: ImportCounts, matched: ImportCounts, skipped: Array<SkippedRow>, };

export type ImdbProgress = { 
/**
 * The file being read ("title.basics.tsv.gz").
 */
file: string, 
/**
 * Index of that file among the files found, from 0.
 */
file_index: number, file_count: number, 
/**
 * Bytes of the file (as stored, compressed or not) read so far, and its size.
 */
bytes_read: number, bytes_total: number, rows: number, };

export type ImdbReport = { 
/**
 * Films kept (movie and tvMovie).
 */
films: number, people: number, 
/**
 * Cast lines kept (actors and actresses of kept films).
 */
cast: number, 
/**
 * Lines read across all files.
 */
rows_read: number, 
/**
 * Files not found in the folder (all but title.basics may be missing).
 */
missing: Array<string>, 
/**
 * The critic cancelled; the previous index, if any, is untouched.
 */
cancelled: boolean, seconds: number, };

export type ImdbMatch = { 
/**
 * `tt0113277`.
 */
tconst: string, title: string, 
/**
 * Empty when it is the same as the title.
 */
original_title: string, year: number | null, runtime_minutes: number | null, 
/**
 * "movie" or "tvMovie".
 */
kind: string, };
