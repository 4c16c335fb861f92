// The one module that talks to the Rust side. Everything else in the UI imports this module,
// never @tauri-apps/*, so that the IPC contract (docs/ARCHITECTURE.md, notes/COMMON.md) has a
// single typed home and tests can replace it with vi.mock('./lib/backend').

import { Channel, invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { writeText } from '@tauri-apps/plugin-clipboard-manager';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';
import { openUrl } from '@tauri-apps/plugin-opener';
import { benchSave, installBench } from './bench';
import type {
  BackupInfo,
  BatchProgress,
  BatchReport,
  DiaryEntry,
  DiffPart,
  ErrorCode,
  ExportOptions,
  FilmFacts,
  FilmMatch,
  FilmPage,
  Finding,
  ImdbMatch,
  ImdbProgress,
  ImdbReport,
  ImportReport,
  LogStats,
  NewViewing,
  LibraryFacets,
  LibraryFilter,
  RestoreReport,
  Review,
  ReviewSummary,
  ScaleInfo,
  SearchResults,
  Settings,
  Snapshot,
  SnapshotInfo,
  SnapshotReason,
  Template,
  TemplateId,
  TrashedReview,
  UiState,
  Viewing,
  WatchlistEntry,
} from './bindings';

const ERROR_CODES: readonly ErrorCode[] = [
  'not_found',
  'invalid_input',
  'schema_too_new',
  'corrupt',
  'busy',
  'already_exists',
  'io',
  'database',
  'internal',
];

/** A command's failure, with the closed code the UI branches on and a message for people. */
export class BackendError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns whatever a rejected invoke carries into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (isErrorCode(code)) {
      return new BackendError(code, typeof message === 'string' ? message : code);
    }
    if (error instanceof Error) return new BackendError('internal', error.message);
  }
  // Tauri rejects with a plain string when a command is missing or its arguments don't parse.
  return new BackendError('internal', typeof error === 'string' ? error : String(error));
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toBackendError(error);
  }
}

/**
 * The library, last edited first; with `limit`, a page of it: its first `limit` reviews (the
 * first screen at start), or the `limit` that follow review `after`.
 */
export function listReviews(limit?: number, after?: string): Promise<ReviewSummary[]> {
  if (limit === undefined) return call('list_reviews');
  return call('list_reviews', after === undefined ? { limit } : { limit, after });
}

export function createReview(template: TemplateId): Promise<Review> {
  return call('create_review', { template });
}

export function createSampleReview(): Promise<Review> {
  return call('create_sample_review');
}

export function getReview(id: string): Promise<Review> {
  return call('get_review', { id });
}

/** Saves the whole review in one transaction; resolves with the stored review once committed. */
export function saveReview(review: Review): Promise<Review> {
  return benchSave(() => call('save_review', { review }));
}

export async function deleteReview(id: string): Promise<void> {
  await call('delete_review', { id });
}

// History, trash and backups ---------------------------------------------------------------

/** Snapshots a section's stored text; null when there was nothing new to keep. */
export function snapshotSection(sectionId: string, reason: SnapshotReason, name: string | null): Promise<Snapshot | null> {
  return call('snapshot_section', { sectionId, reason, name });
}

/** Snapshots every section of a review; returns the snapshots actually taken. */
export function snapshotReview(reviewId: string, reason: SnapshotReason): Promise<SnapshotInfo[]> {
  return call('snapshot_review', { reviewId, reason });
}

/** A section's history, newest first. */
export function listSnapshots(sectionId: string): Promise<SnapshotInfo[]> {
  return call('list_snapshots', { sectionId });
}

export function getSnapshot(id: string): Promise<Snapshot> {
  return call('get_snapshot', { id });
}

/** Word-level changes from a snapshot to another one, or to the section's stored text. */
export function diffSnapshot(snapshotId: string, otherId: string | null): Promise<DiffPart[]> {
  return call('diff_snapshot', { snapshotId, otherId });
}

/** Puts a snapshot's text back (snapshotting what it replaces first); the review as stored. */
export function restoreSnapshot(snapshotId: string): Promise<Review> {
  return call('restore_snapshot', { snapshotId });
}

/** "Delete": moves a review to the trash for 30 days. */
export async function trashReview(id: string): Promise<void> {
  await call('trash_review', { id });
}

export function listTrash(): Promise<TrashedReview[]> {
  return call('list_trash');
}

export function restoreFromTrash(id: string): Promise<Review> {
  return call('restore_from_trash', { id });
}

export function backUpNow(): Promise<BackupInfo> {
  return call('back_up_now');
}

export function listBackups(): Promise<BackupInfo[]> {
  return call('list_backups');
}

export function backupsFolder(): Promise<string> {
  return call('backups_folder');
}

/** Makes a backup the library; the current one is set aside, never overwritten. */
export function restoreBackup(path: string): Promise<RestoreReport> {
  return call('restore_backup', { path });
}

/**
 * Full-text search over reviews, films and viewing notes. Any text is a valid query: words are
 * prefixes, "quoted words" a phrase; snippets come as parts to render as text, never as HTML.
 */
export function search(query: string, limit?: number): Promise<SearchResults> {
  return call('search', { query, limit: limit ?? null });
}

/** The library as the filters and sort order choose it (the query runs in SQL). */
export function filterReviews(filter: LibraryFilter): Promise<ReviewSummary[]> {
  return call('filter_reviews', { filter });
}

/** The years, directors, tags and publications the filters can choose from. */
export function libraryFacets(): Promise<LibraryFacets> {
  return call('library_facets');
}

export function listTemplates(): Promise<Template[]> {
  return call('list_templates');
}

export function ratingScales(): Promise<ScaleInfo[]> {
  return call('rating_scales');
}

export function getSettings(): Promise<Settings> {
  return call('get_settings');
}

export async function saveSettings(settings: Settings): Promise<void> {
  await call('save_settings', { settings });
}

export function getUiState(): Promise<UiState> {
  return call('get_ui_state');
}

export async function saveUiState(state: UiState): Promise<void> {
  await call('save_ui_state', { state });
}

/** The article as sanitised HTML, rendered by the same code as the export. */
export function renderPreview(review: Review): Promise<string> {
  return call('render_preview', { review });
}

// Export ------------------------------------------------------------------------------------

/** The review as the editor holds it (saved or not), rendered: "Copy as …". */
export function renderExport(review: Review, options: ExportOptions): Promise<string> {
  return call('render_export', { review, options });
}

/** The file name the Export dialog proposes, e.g. `_posts/2025-03-01-the-last-ferry.md`. */
export function exportFileName(review: Review, options: ExportOptions): Promise<string> {
  return call('export_file_name', { review, options });
}

/**
 * Writes the stored review to `path`; resolves with the path written. Refuses an existing file
 * with `already_exists` unless `force` (the dialog asks first).
 */
export function exportReview(id: string, options: ExportOptions, path: string, force: boolean): Promise<string> {
  return call('export_review', { id, options, path, force });
}

/**
 * Exports the reviews with `ids` (the whole library when null) into `outDir`, laid out for the
 * preset; `onProgress` hears after each file. `cancelExport` stops it after the current file.
 */
export function exportBatch(
  ids: string[] | null,
  options: ExportOptions,
  outDir: string,
  force: boolean,
  onProgress: (progress: BatchProgress) => void,
): Promise<BatchReport> {
  const channel = new Channel<BatchProgress>();
  channel.onmessage = onProgress;
  return call('export_batch', { ids, options, outDir, force, onProgress: channel });
}

export async function cancelExport(): Promise<void> {
  await call('cancel_export');
}

/** The editorial checks, with the readiness ones when `forPublication`. */
export function checkReview(review: Review, forPublication: boolean, lang?: string): Promise<Finding[]> {
  return call('check_review', { review, lang: lang ?? null, forPublication });
}

/** The native save dialog; resolves to the chosen path, or null when the critic cancelled. */
export async function chooseSavePath(defaultPath: string, extension: string, label: string): Promise<string | null> {
  try {
    return await saveDialog({ defaultPath, filters: [{ name: label, extensions: [extension] }] });
  } catch (error) {
    throw toBackendError(error);
  }
}

/** The native folder picker; resolves to the folder, or null when the critic cancelled. */
export async function chooseFolder(title: string): Promise<string | null> {
  try {
    const chosen = await openDialog({ title, directory: true, multiple: false, canCreateDirectories: true });
    return typeof chosen === 'string' ? chosen : null;
  } catch (error) {
    throw toBackendError(error);
  }
}

/** The native open dialog for one file of the given kind; resolves to its path, or null when cancelled. */
export async function chooseFile(title: string, label: string, extensions: string[]): Promise<string | null> {
  try {
    const chosen = await openDialog({ title, directory: false, multiple: false, filters: [{ name: label, extensions }] });
    return typeof chosen === 'string' ? chosen : null;
  } catch (error) {
    throw toBackendError(error);
  }
}

/** Puts plain text (HTML source or Markdown) on the clipboard. */
export async function copyText(text: string): Promise<void> {
  try {
    await writeText(text);
  } catch (error) {
    throw toBackendError(error);
  }
}

/** Where the library file is. */
export function libraryPath(): Promise<string> {
  return call('library_path');
}

/**
 * Opens an http(s) address in the system browser, never in the app's window. The capability
 * allows the opener plugin nothing else; the caller has asked the critic first.
 */
export async function openExternal(url: string): Promise<void> {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new BackendError('invalid_input', `Only web addresses (http, https) open in the browser: ${url}`);
  }
  try {
    await openUrl(url);
  } catch (error) {
    throw toBackendError(error);
  }
}

/** Adds a word to the personal dictionary; resolves with the whole dictionary. */
export function addToDictionary(word: string): Promise<string[]> {
  return call('add_to_dictionary', { word });
}

/** Removes a word from the personal dictionary; resolves with the whole dictionary. */
export function removeFromDictionary(word: string): Promise<string[]> {
  return call('remove_from_dictionary', { word });
}

/** The personal dictionary, alphabetically. */
export function dictionaryWords(): Promise<string[]> {
  return call('dictionary_words');
}

/**
 * Tells the Rust side the UI has drawn (start-up is measured to here); failures don't matter.
 * When the backend runs in bench mode (FILMDESK_BENCH), installs the benchmark's hooks.
 */
export async function uiReady(): Promise<void> {
  try {
    if ((await call<boolean>('ui_ready')) === true) installBench();
  } catch {
    // An older backend without the command: nothing to report to.
  }
}

/**
 * Runs `handler` (flushing unsaved work) when the window is asked to close, then lets the window
 * close unless the handler resolves to false (the work could not be saved and the critic should
 * see why). Resolves to a function that removes the listener.
 */
export async function onCloseRequested(handler: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    // A handler that throws must not trap the window open.
    const allow = await handler().catch(() => true);
    if (!allow) event.preventDefault();
  });
}

// The film log ---------------------------------------------------------------------------------

export function logViewing(viewing: NewViewing): Promise<Viewing> {
  return call('log_viewing', { viewing });
}

export function updateViewing(viewing: Viewing): Promise<Viewing> {
  return call('update_viewing', { viewing });
}

export async function deleteViewing(id: string): Promise<void> {
  await call('delete_viewing', { id });
}

/** The diary, newest first, `limit` entries from `offset`. */
export function listDiary(limit: number, offset: number): Promise<DiaryEntry[]> {
  return call('list_diary', { limit, offset });
}

export function filmPage(filmId: string): Promise<FilmPage> {
  return call('film_page', { filmId });
}

/** Statistics for `year`, or all time for null. */
export function logStats(year: number | null): Promise<LogStats> {
  return call('log_stats', { year });
}

export function listWatchlist(): Promise<WatchlistEntry[]> {
  return call('list_watchlist');
}

/** The library's own films matching what was typed. */
export function searchFilms(query: string, limit: number): Promise<FilmMatch[]> {
  return call('search_films', { query, limit });
}

/** Matches from the offline IMDb index; empty when no index has been imported. */
export function imdbSearch(query: string, limit: number): Promise<ImdbMatch[]> {
  return call('imdb_search', { query, limit });
}

/** A film's facts from the IMDb index. */
export function imdbFilm(tconst: string): Promise<FilmFacts> {
  return call('imdb_film', { tconst });
}

/** Imports a Letterboxd export (its .zip, or the folder it unpacks to) in one transaction. */
export function importLetterboxd(path: string): Promise<ImportReport> {
  return call('import_letterboxd', { path });
}

/** Writes the log as a CSV for Letterboxd's importer; resolves with the number of rows. */
export function exportLetterboxd(path: string): Promise<number> {
  return call('export_letterboxd', { path });
}

/** Builds the offline IMDb index from the dataset files in `folder`, reporting progress. */
export function importImdb(folder: string, onProgress: (progress: ImdbProgress) => void): Promise<ImdbReport> {
  const channel = new Channel<ImdbProgress>();
  channel.onmessage = onProgress;
  return call('import_imdb', { folder, onProgress: channel });
}

export async function cancelImdbImport(): Promise<void> {
  await call('cancel_imdb_import');
}
