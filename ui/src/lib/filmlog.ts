// The film log's display rules and the "Log a film" dialog's logic, as plain functions so they
// are tested without a window: grouping the diary by month, chart scales, the film suggestions
// and turning the dialog's fields into the NewViewing the backend takes.

import { BackendError } from './backend';
import type { DiaryEntry, FilmFacts, FilmMatch, ImdbMatch, NewViewing, PlaceKind, Rating } from './bindings';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Jan" … "Dec" for month 1 … 12. */
export function monthShort(month: number): string {
  return (MONTHS[month - 1] ?? '').slice(0, 3);
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? '';
}

/** Today on the critic's own calendar, `YYYY-MM-DD` (not UTC's: a film watched at 23:30 is today's). */
export function todayIso(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** A `YYYY-MM-DD` that is a real day. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The parts of a `YYYY-MM-DD` the diary shows: "27", "Fri", and "27 November 2026" for screen readers. */
export function dayParts(iso: string): { day: string; weekday: string; long: string } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return { day: String(d), weekday, long: `${d} ${monthName(m)} ${y}` };
}

export interface MonthGroup {
  /** `YYYY-MM`. */
  key: string;
  /** "November 2026". */
  label: string;
  entries: DiaryEntry[];
}

/**
 * The diary's months, in the order the entries come (newest first from the backend), each
 * month once even if entries of it are not next to each other.
 */
export function groupByMonth(entries: readonly DiaryEntry[]): MonthGroup[] {
  const groups = new Map<string, MonthGroup>();
  for (const entry of entries) {
    const key = entry.viewing.watched_on.slice(0, 7);
    let group = groups.get(key);
    if (!group) {
      const [y, m] = key.split('-').map(Number) as [number, number];
      group = { key, label: `${monthName(m)} ${y}`, entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
}

/**
 * The top of a chart's value axis and its gridlines: a round number at or above `max` (1, 2
 * or 5 times a power of ten per step) so the lines fall on whole, readable counts.
 */
export function niceScale(max: number, maxTicks = 5): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / maxTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Math.round(t));
  return { top, ticks };
}

/** A bar's length for `value` on an axis of `length` units that ends at `top`; never negative. */
export function barLength(value: number, top: number, length: number): number {
  if (!(top > 0) || !(value > 0)) return 0;
  return (Math.min(value, top) / top) * length;
}

/** Hours and minutes for the totals: "31 h 20 min", "45 min". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export const PLACE_LABELS: Record<PlaceKind, string> = {
  cinema: 'Cinema',
  festival: 'Festival',
  platform: 'Streaming',
  home: 'Home',
  other: 'Elsewhere',
};

// Film suggestions ------------------------------------------------------------------------------

/** One line of the film autocomplete. */
export type FilmSuggestion =
  | { source: 'library'; key: string; title: string; year: number | null; detail: string; match: FilmMatch }
  | { source: 'imdb'; key: string; title: string; year: number | null; detail: string; match: ImdbMatch };

/**
 * The library's films first (they carry the critic's viewings), then the IMDb index's, leaving
 * out an IMDb title the library already has under the same title and year.
 */
export function mergeSuggestions(library: readonly FilmMatch[], imdb: readonly ImdbMatch[], limit = 8): FilmSuggestion[] {
  const out: FilmSuggestion[] = library.map((m) => ({
    source: 'library',
    key: `film:${m.id}`,
    title: m.title,
    year: m.year,
    detail: [
      m.directors.length ? m.directors.join(', ') : '',
      m.viewings === 0 ? 'in your library' : m.viewings === 1 ? 'seen once' : `seen ${m.viewings} times`,
    ]
      .filter(Boolean)
      .join(' · '),
    match: m,
  }));
  const seen = new Set(library.map((m) => `${m.title.toLowerCase()}|${m.year ?? ''}`));
  for (const m of imdb) {
    if (seen.has(`${m.title.toLowerCase()}|${m.year ?? ''}`)) continue;
    out.push({
      source: 'imdb',
      key: `imdb:${m.tconst}`,
      title: m.title,
      year: m.year,
      detail: [
        m.original_title,
        m.kind === 'tvMovie' ? 'TV film' : '',
        m.runtime_minutes ? `${m.runtime_minutes} min` : '',
        'IMDb',
      ]
        .filter(Boolean)
        .join(' · '),
      match: m,
    });
  }
  return out.slice(0, limit);
}

/** "Heat (1995)" typed as one string: the title and the year apart; a bare title has no year. */
export function splitTitleYear(text: string): { title: string; year: number | null } {
  const match = /^(.*\S)\s*\((\d{4})\)\s*$/.exec(text.trim());
  if (match) return { title: match[1]!.trim(), year: Number(match[2]) };
  return { title: text.trim(), year: null };
}

export function emptyFacts(title: string, year: number | null): FilmFacts {
  return {
    title,
    original_title: '',
    year,
    runtime_minutes: null,
    directors: [],
    cast: [],
    genres: [],
    countries: [],
    languages: [],
    where_to_watch: '',
    imdb_id: '',
  };
}

// The dialog ------------------------------------------------------------------------------------

/** The film the dialog will log: one the library has, facts from IMDb, or only a typed title. */
export type ChosenFilm =
  | { kind: 'existing'; id: string; title: string; year: number | null }
  | { kind: 'facts'; facts: FilmFacts };

export interface LogForm {
  /** What is in the film field. */
  filmText: string;
  /** Set when a suggestion was picked (and cleared when the text changes again). */
  chosen: ChosenFilm | null;
  watchedOn: string;
  rating: Rating;
  rewatch: boolean;
  liked: boolean;
  placeKind: PlaceKind | null;
  place: string;
  withWhom: string;
  notes: string;
  tags: string;
  reviewId: string | null;
}

export type FormField = 'film' | 'date';
export interface FormProblem {
  field: FormField;
  message: string;
}

/** What keeps the form from being saved, if anything; the backend checks the rest. */
export function formProblem(form: LogForm, today: string = todayIso()): FormProblem | null {
  if (!form.chosen && splitTitleYear(form.filmText).title === '') {
    return { field: 'film', message: 'Name the film you watched.' };
  }
  if (!isIsoDate(form.watchedOn)) return { field: 'date', message: 'Give the day you watched it.' };
  // A day in the future is almost always a slip of the keyboard, not a plan.
  if (form.watchedOn > today) return { field: 'date', message: 'That day has not come yet.' };
  return null;
}

function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** The NewViewing for a form that has no problem. */
export function toNewViewing(form: LogForm): NewViewing {
  let film: NewViewing['film'];
  if (form.chosen?.kind === 'existing') film = { kind: 'existing', id: form.chosen.id };
  else if (form.chosen?.kind === 'facts') film = { kind: 'new', facts: form.chosen.facts };
  else {
    const { title, year } = splitTitleYear(form.filmText);
    film = { kind: 'new', facts: emptyFacts(title, year) };
  }
  return {
    film,
    watched_on: form.watchedOn,
    rating: { ...form.rating },
    rewatch: form.rewatch,
    liked: form.liked,
    place_kind: form.placeKind,
    place: form.place.trim(),
    with_whom: form.withWhom.trim(),
    notes: form.notes,
    tags: splitTags(form.tags),
    review_id: form.reviewId,
  };
}

export function tagsText(tags: readonly string[]): string {
  return tags.join(', ');
}

/** What to tell the critic when a log command fails, by the error's code. */
export function logErrorText(error: unknown): string {
  if (!(error instanceof BackendError)) return error instanceof Error ? error.message : String(error);
  switch (error.code) {
    case 'invalid_input':
      return error.message;
    case 'not_found':
      return `It is no longer there (${error.message}). It may have been deleted elsewhere.`;
    case 'busy':
      return 'The library is busy in another process (a command-line import?). Try again in a moment.';
    case 'io':
      return `The file could not be read or written: ${error.message}`;
    case 'already_exists':
      return `${error.message}. Choose another name.`;
    case 'corrupt':
      return `The library file is damaged: ${error.message}`;
    default:
      return `Something went wrong: ${error.message}`;
  }
}
