import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import * as backend from '../../lib/backend';
import type { DiaryEntry, FilmFacts, LogStats, Viewing } from '../../lib/bindings';
import { Desk } from '../../lib/desk.svelte';
import { FilmLog } from '../../lib/filmlog.svelte';
import { todayIso } from '../../lib/filmlog';
import { NO_UI_STATE, SCALES, SETTINGS, SUMMARIES, TEMPLATES, review } from '../../test/fixtures';

vi.mock('../../lib/backend', async () => {
  const actual = await vi.importActual<typeof import('../../lib/backend')>('../../lib/backend');
  const names = [
    'listReviews',
    'createReview',
    'createSampleReview',
    'getReview',
    'saveReview',
    'deleteReview',
    'listTemplates',
    'ratingScales',
    'getSettings',
    'saveSettings',
    'getUiState',
    'saveUiState',
    'renderPreview',
    'uiReady',
    'onCloseRequested',
    'logViewing',
    'updateViewing',
    'deleteViewing',
    'listDiary',
    'filmPage',
    'logStats',
    'searchFilms',
    'imdbSearch',
    'imdbFilm',
    'importLetterboxd',
    'exportLetterboxd',
    'chooseFile',
    'chooseFolder',
    'chooseSavePath',
    'importImdb',
    'cancelImdbImport',
  ];
  return {
    BackendError: actual.BackendError,
    toBackendError: actual.toBackendError,
    ...Object.fromEntries(names.map((n) => [n, vi.fn()])),
  };
});

const mocked = vi.mocked(backend);

async function settle() {
  for (let i = 0; i < 6; i++) {
    await vi.advanceTimersByTimeAsync(0);
    await tick();
  }
}

function viewing(over: Partial<Viewing> = {}): Viewing {
  return {
    id: 'v1',
    film_id: 'f1',
    watched_on: '2026-11-20',
    rating: { scale: 'five_stars', step: 7 },
    rewatch: false,
    liked: false,
    place_kind: null,
    place: '',
    with_whom: '',
    notes: '',
    tags: [],
    review_id: null,
    created_at: '2026-11-20T21:00:00+00:00',
    ...over,
  };
}

function diaryEntry(v: Viewing, title: string, year: number | null): DiaryEntry {
  return { viewing: v, film: { id: v.film_id, title, year, directors: ['Leyla Arslan'] } };
}

const ALIEN: FilmFacts = {
  title: 'Alien',
  original_title: '',
  year: 1979,
  runtime_minutes: 117,
  directors: ['Ridley Scott'],
  cast: [{ actor: 'Sigourney Weaver', character: 'Ripley' }],
  genres: ['Horror', 'Sci-Fi'],
  countries: ['United Kingdom'],
  languages: ['English'],
  where_to_watch: '',
  imdb_id: 'tt0078748',
};

function stats(over: Partial<LogStats> = {}): LogStats {
  return {
    year: 2026,
    years: [2026, 2025],
    per_month: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, viewings: [0, 0, 3, 0, 0, 0, 0, 0, 0, 1, 5, 0][i] ?? 0 })),
    ratings: Array.from({ length: 11 }, (_, step) => ({
      step,
      label: `${Math.floor(step / 2)}${step % 2 ? '½' : ''}`,
      viewings: step === 8 ? 4 : step === 7 ? 2 : 0,
    })),
    top_directors: [
      { name: 'Leyla Arslan', viewings: 3 },
      { name: 'Michael Mann', viewings: 2 },
    ],
    top_countries: [{ name: 'Türkiye', viewings: 3 }],
    top_genres: [],
    first_watches: 7,
    rewatches: 2,
    totals: { viewings: 9, films: 8, minutes: 1020, rated: 6, reviews: 2 },
    ...over,
  };
}

let desk: Desk;
let log: FilmLog;

async function launch() {
  desk = new Desk();
  log = new FilmLog();
  const result = render(App, { props: { desk, log } });
  await settle();
  return result;
}

const dialog = () => screen.getByTestId('log-dialog');
const filmField = () => screen.getByTestId('log-film') as HTMLInputElement;

async function typeFilm(text: string) {
  await fireEvent.input(filmField(), { target: { value: text } });
  await vi.advanceTimersByTimeAsync(150);
  await settle();
}

// A generous bound: a loaded machine must not fail these (they assert nothing about time).
vi.setConfig({ testTimeout: 30_000 });

beforeEach(() => {
  vi.useFakeTimers();
  mocked.listReviews.mockResolvedValue(structuredClone(SUMMARIES));
  mocked.listTemplates.mockResolvedValue(TEMPLATES);
  mocked.ratingScales.mockResolvedValue(SCALES);
  mocked.getSettings.mockResolvedValue(SETTINGS);
  mocked.getUiState.mockResolvedValue(NO_UI_STATE);
  mocked.saveUiState.mockResolvedValue();
  mocked.uiReady.mockResolvedValue();
  mocked.onCloseRequested.mockResolvedValue(() => {});
  mocked.searchFilms.mockResolvedValue([]);
  mocked.imdbSearch.mockResolvedValue([]);
  mocked.listDiary.mockResolvedValue([]);
  mocked.logStats.mockResolvedValue(stats());
  mocked.logViewing.mockImplementation(async (v) => viewing({ id: 'new', film_id: v.film.kind === 'existing' ? v.film.id : 'f-new' }));
});

afterEach(() => {
  cleanup();
  desk?.dispose();
  log?.dispose();
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe('Log a film', () => {
  it('works from the keyboard: Ctrl+L, a title, arrows and Enter to pick, a digit to rate, Enter to save', async () => {
    mocked.searchFilms.mockResolvedValue([{ id: 'f1', title: 'The Last Ferry', year: 2025, directors: ['Leyla Arslan'], viewings: 1 }]);
    mocked.imdbSearch.mockResolvedValue([
      { tconst: 'tt9', title: 'Last Night', original_title: '', year: 2010, runtime_minutes: 93, kind: 'movie' },
    ]);
    await launch();
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await settle();
    expect(document.activeElement).toBe(filmField());

    await typeFilm('last');
    expect(mocked.searchFilms).toHaveBeenCalledWith('last', 6);
    const options = screen.getAllByTestId('log-film-option');
    expect(options.map((o) => [o.dataset.source, o.textContent?.replace(/\s+/g, ' ').trim()])).toEqual([
      ['library', 'The Last Ferry2025 Library Leyla Arslan · seen once'],
      ['imdb', 'Last Night2010 93 min · IMDb'],
    ]);
    expect(filmField().getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    await fireEvent.keyDown(filmField(), { key: 'ArrowDown' });
    expect(filmField().getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    await fireEvent.keyDown(filmField(), { key: 'ArrowUp' });
    await fireEvent.keyDown(filmField(), { key: 'Enter' });
    await settle();
    expect(screen.queryAllByTestId('log-film-option')).toHaveLength(0);
    expect(filmField().value).toBe('The Last Ferry (2025)');
    // Seen before, so this is a rewatch.
    expect((screen.getByTestId('log-rewatch') as HTMLInputElement).checked).toBe(true);
    expect(mocked.logViewing).not.toHaveBeenCalled();

    const slider = within(dialog()).getByTestId('rating');
    slider.focus();
    await fireEvent.keyDown(slider, { key: '4' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: 4 out of 5 stars');
    await fireEvent.click(screen.getByTestId('log-liked'));
    await fireEvent.keyDown(filmField(), { key: 'Enter' });
    await settle();

    expect(mocked.logViewing).toHaveBeenCalledOnce();
    expect(mocked.logViewing.mock.calls[0]![0]).toEqual({
      film: { kind: 'existing', id: 'f1' },
      watched_on: todayIso(),
      rating: { scale: 'five_stars', step: 8 },
      rewatch: true,
      liked: true,
      place_kind: null,
      place: '',
      with_whom: '',
      notes: '',
      tags: [],
      review_id: null,
    });
    expect(screen.queryByTestId('log-dialog')).toBeNull();
    expect(screen.getByTestId('log-toast').textContent).toContain('Logged “The Last Ferry”');
  });

  it('fills the facts from the IMDb index when an IMDb match is chosen', async () => {
    mocked.imdbSearch.mockResolvedValue([{ tconst: 'tt0078748', title: 'Alien', original_title: '', year: 1979, runtime_minutes: 117, kind: 'movie' }]);
    mocked.imdbFilm.mockResolvedValue(ALIEN);
    await launch();
    await fireEvent.click(screen.getByTestId('area-log'));
    await settle();
    await fireEvent.click(screen.getByTestId('log-film-button'));
    await settle();
    await typeFilm('alien');
    await fireEvent.keyDown(filmField(), { key: 'Enter' });
    await settle();
    expect(mocked.imdbFilm).toHaveBeenCalledWith('tt0078748');
    expect(screen.getByTestId('log-film-hint').textContent).toContain('Directed by Ridley Scott · 117 min · Horror, Sci-Fi');
    await fireEvent.submit(dialog().querySelector('form')!);
    await settle();
    expect(mocked.logViewing.mock.calls[0]![0].film).toEqual({ kind: 'new', facts: ALIEN });
    expect(mocked.logViewing.mock.calls[0]![0].rewatch).toBe(false);
  });

  it('says what is missing, shows the backend error by its code, and Escape cancels', async () => {
    await launch();
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await settle();
    await fireEvent.keyDown(filmField(), { key: 'Enter' });
    await settle();
    expect(mocked.logViewing).not.toHaveBeenCalled();
    expect(filmField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('log-film-hint').textContent).toContain('Name the film you watched.');

    mocked.logViewing.mockRejectedValueOnce(
      new backend.BackendError('invalid_input', 'film year 1492 is not a year a film could be from (1870 to 2200)'),
    );
    await typeFilm('Columbus (1492)');
    expect(screen.getByTestId('log-film-hint').textContent).toContain('A new film in your library.');
    await fireEvent.keyDown(filmField(), { key: 'Enter' });
    await settle();
    expect(mocked.logViewing.mock.calls[0]![0].film).toMatchObject({ kind: 'new', facts: { title: 'Columbus', year: 1492 } });
    expect(screen.getByTestId('log-error').textContent).toBe('film year 1492 is not a year a film could be from (1870 to 2200)');
    expect(screen.getByTestId('log-dialog')).toBeTruthy();

    // Something was typed: Escape asks first, and "Discard" (focused, so Enter) closes.
    await fireEvent(dialog(), new Event('cancel', { cancelable: true }));
    await settle();
    expect(screen.getByTestId('log-discard').textContent).toContain('Discard this viewing?');
    await fireEvent.click(screen.getByTestId('log-discard-confirm'));
    await settle();
    expect(screen.queryByTestId('log-dialog')).toBeNull();
  });

  it('closes at once on Escape when nothing was entered', async () => {
    await launch();
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await settle();
    // Typing and then clearing the title leaves nothing entered.
    await typeFilm('Heat');
    await typeFilm('');
    await fireEvent.keyDown(filmField(), { key: 'Escape' });
    await settle();
    expect(screen.queryByTestId('log-discard')).toBeNull();
    expect(screen.queryByTestId('log-dialog')).toBeNull();
    expect(mocked.logViewing).not.toHaveBeenCalled();
  });

  it('asks "Discard this viewing?" on Escape after a change: Escape keeps editing, Enter on Discard closes', async () => {
    await launch();
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    await settle();
    const notes = screen.getByTestId('log-notes') as HTMLTextAreaElement;
    await fireEvent.input(notes, { target: { value: 'The ferry scene, in one take.' } });
    notes.focus();
    await fireEvent.keyDown(notes, { key: 'Escape' });
    await settle();

    const ask = screen.getByTestId('log-discard');
    expect(ask.getAttribute('role')).toBe('alertdialog');
    expect(ask.textContent).toContain('Discard this viewing?');
    expect(document.activeElement).toBe(screen.getByTestId('log-discard-confirm'));

    // Escape goes back to the form, to where the focus was, with everything kept.
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await settle();
    expect(screen.queryByTestId('log-discard')).toBeNull();
    expect(screen.getByTestId('log-dialog')).toBeTruthy();
    expect(document.activeElement).toBe(notes);
    expect(notes.value).toBe('The ferry scene, in one take.');

    // The Cancel button asks too; "Keep editing" is a button as well.
    await fireEvent.click(screen.getByTestId('log-cancel'));
    await settle();
    await fireEvent.click(screen.getByTestId('log-discard-keep'));
    await settle();
    expect(screen.getByTestId('log-dialog')).toBeTruthy();

    await fireEvent.keyDown(notes, { key: 'Escape' });
    await settle();
    const discard = screen.getByTestId('log-discard-confirm');
    expect(document.activeElement).toBe(discard);
    // Enter on the focused button is its click (the e2e presses the real keys).
    await fireEvent.click(discard);
    await settle();
    expect(screen.queryByTestId('log-dialog')).toBeNull();
    expect(mocked.logViewing).not.toHaveBeenCalled();
  });
});

describe('the diary and the film page', () => {
  it('groups by month, opens a film page, and opens its review in the editor', async () => {
    mocked.listDiary.mockResolvedValue([
      diaryEntry(viewing({ id: 'v3', watched_on: '2026-11-20', rewatch: true, liked: true, place: 'Curzon Soho' }), 'The Last Ferry', 2025),
      diaryEntry(viewing({ id: 'v2', film_id: 'f2', watched_on: '2026-11-02', rating: { scale: 'letter', step: 9 } }), 'Nightjar', null),
      diaryEntry(viewing({ id: 'v1', watched_on: '2026-10-31' }), 'The Last Ferry', 2025),
    ]);
    mocked.filmPage.mockResolvedValue({
      film: { id: 'f1', facts: review().film, letterboxd_uri: '', liked: true, watched: false, rating: null, on_watchlist: false },
      viewings: [viewing({ id: 'v3', watched_on: '2026-11-20', rewatch: true }), viewing({ id: 'v1', watched_on: '2026-10-31' })],
      reviews: [SUMMARIES[0]!],
    });
    // The editor itself is App.test's; here it is enough that the review is asked for.
    mocked.getReview.mockReturnValue(new Promise(() => {}));
    await launch();
    await fireEvent.click(screen.getByTestId('area-log'));
    await settle();

    const months = screen.getAllByTestId('diary-month');
    expect(months.map((m) => [m.dataset.month, m.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim()])).toEqual([
      ['2026-11', 'November 2026 2 films'],
      ['2026-10', 'October 2026 1 film'],
    ]);
    const rows = within(months[0]!).getAllByTestId('diary-entry');
    expect(rows.map((r) => r.dataset.id)).toEqual(['v3', 'v2']);
    expect(within(rows[0]!).getByLabelText('Rating: 3.5 out of 5 stars').textContent).toBe('★★★½');
    expect(within(rows[0]!).getByTestId('diary-rewatch')).toBeTruthy();
    expect(within(rows[0]!).getByTestId('diary-liked')).toBeTruthy();
    expect(rows[0]!.textContent).toContain('Curzon Soho');
    expect(within(rows[1]!).getByLabelText('Rating: B+').textContent).toBe('B+');

    await fireEvent.click(within(rows[0]!).getByRole('button', { name: /The Last Ferry.*2025.*watched 20 November 2026/ }));
    await settle();
    expect(mocked.filmPage).toHaveBeenCalledWith('f1');
    expect(screen.getByTestId('film-page-title').textContent).toContain('The Last Ferry');
    expect(screen.getAllByTestId('film-viewing')).toHaveLength(2);
    await fireEvent.click(screen.getByTestId('film-review'));
    await settle();
    expect(mocked.getReview).toHaveBeenCalledWith('r1');
    expect(log.area).toBe('reviews');
    expect(screen.queryByTestId('film-page')).toBeNull();
  });

  it('edits and deletes a viewing', async () => {
    const v = viewing({ id: 'v1', notes: 'Good.' });
    mocked.listDiary.mockResolvedValue([diaryEntry(v, 'The Last Ferry', 2025)]);
    mocked.updateViewing.mockImplementation(async (x) => x);
    mocked.deleteViewing.mockResolvedValue();
    await launch();
    await fireEvent.click(screen.getByTestId('area-log'));
    await settle();
    await fireEvent.click(screen.getByTestId('diary-edit'));
    await settle();
    expect(screen.getByTestId('log-film-fixed').textContent).toContain('The Last Ferry');
    await fireEvent.input(screen.getByTestId('log-with'), { target: { value: 'Ana' } });
    await fireEvent.click(screen.getByTestId('log-save'));
    await settle();
    expect(mocked.updateViewing).toHaveBeenCalledWith({ ...v, with_whom: 'Ana' });
    // The diary was loaded again after the change.
    expect(mocked.listDiary).toHaveBeenCalledTimes(2);

    await fireEvent.click(screen.getByTestId('diary-edit'));
    await settle();
    await fireEvent.click(screen.getByTestId('log-delete'));
    await fireEvent.click(screen.getByTestId('log-delete-confirm'));
    await settle();
    expect(mocked.deleteViewing).toHaveBeenCalledWith('v1');
  });
});

describe('statistics', () => {
  it('draws a bar per month and per rating, with text alternatives that carry the counts', async () => {
    await launch();
    await fireEvent.click(screen.getByTestId('area-log'));
    await fireEvent.click(screen.getByTestId('log-nav-stats'));
    await settle();
    expect(mocked.logStats).toHaveBeenCalledWith(new Date().getFullYear());

    const perMonth = screen.getByTestId('chart-per-month');
    expect(perMonth.dataset.total).toBe('9');
    const bars = within(perMonth).getAllByTestId('chart-bar');
    expect(bars).toHaveLength(12);
    expect(bars.map((b) => Number(b.dataset.value))).toEqual([0, 0, 3, 0, 0, 0, 0, 0, 0, 1, 5, 0]);
    // Only months with films get a drawn bar.
    expect(perMonth.querySelectorAll('rect')).toHaveLength(3);
    expect(perMonth.querySelector('desc')?.textContent).toBe(
      'Films watched per month in 2026: 9 viewings in all; the most, 5, in November.',
    );
    const rows = [...within(perMonth).getByTestId('chart-table').querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows[2]).toBe('March3');

    const ratings = screen.getByTestId('chart-ratings');
    // Half a star to five: ten bins (the empty 0 bin is left out).
    expect(within(ratings).getAllByTestId('chart-bar').map((b) => b.dataset.label)).toEqual(
      ['½', '1', '1½', '2', '2½', '3', '3½', '4', '4½', '5'],
    );
    expect(ratings.dataset.total).toBe('6');

    const directors = within(screen.getByTestId('chart-directors')).getAllByTestId('chart-bar');
    expect(directors.map((d) => [d.dataset.label, d.dataset.value])).toEqual([
      ['Leyla Arslan', '3'],
      ['Michael Mann', '2'],
    ]);
    expect(screen.getByTestId('chart-genres').textContent).toContain('No genres recorded yet.');
    expect(screen.getByTestId('chart-rewatches').querySelector('desc')?.textContent).toBe(
      'First watches and rewatches in 2026: 7 first watches (78%), 2 rewatches (22%).',
    );
    expect(screen.getByTestId('total-films').textContent).toBe('8');
    expect(screen.getByTestId('stats-totals').textContent).toContain('17 h');

    mocked.logStats.mockResolvedValueOnce(stats({ year: 2025, totals: { ...stats().totals, films: 3 } }));
    await fireEvent.change(screen.getByTestId('stats-year'), { target: { value: '2025' } });
    await settle();
    expect(mocked.logStats).toHaveBeenLastCalledWith(2025);
    expect(screen.getByTestId('total-films').textContent).toBe('3');
  });
});

describe('film facts from the IMDb index in a review', () => {
  it('offers matches under the film title and fills the facts, keeping what the index lacks', async () => {
    mocked.getUiState.mockResolvedValue({ ...NO_UI_STATE, open_review_id: 'r1' });
    mocked.getReview.mockResolvedValue(review({ film: { ...review().film, title: '', directors: [], cast: [] } }));
    mocked.imdbSearch.mockResolvedValue([{ tconst: 'tt0078748', title: 'Alien', original_title: '', year: 1979, runtime_minutes: 117, kind: 'movie' }]);
    mocked.imdbFilm.mockResolvedValue({ ...ALIEN, countries: [], languages: [] });
    await launch();
    await fireEvent.input(screen.getByTestId('film-title'), { target: { value: 'alien' } });
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    expect(mocked.imdbSearch).toHaveBeenLastCalledWith('alien', 4);
    const option = screen.getByTestId('imdb-suggest-option');
    expect(option.textContent?.replace(/\s+/g, ' ').trim()).toBe('Alien 1979 117 min');
    await fireEvent.click(option);
    await settle();
    expect(mocked.imdbFilm).toHaveBeenCalledWith('tt0078748');
    expect(desk.review?.film).toEqual({
      ...ALIEN,
      // Not in the index: the review's own stay.
      countries: ['Türkiye'],
      languages: ['Turkish'],
      where_to_watch: 'In cinemas',
      original_title: 'Son Vapur',
    });
    expect(screen.queryByTestId('imdb-suggest')).toBeNull();
    expect((screen.getByTestId('film-directors') as HTMLInputElement).value).toBe('Ridley Scott');
  });
});

describe('Import and export', () => {
  it('fills each path from the native pickers, and a cancelled picker changes nothing', async () => {
    mocked.chooseFile.mockResolvedValue('/home/me/letterboxd-export.zip');
    mocked.chooseFolder.mockResolvedValue(null);
    mocked.chooseSavePath.mockResolvedValue('/home/me/log.csv');
    await launch();
    await fireEvent.click(screen.getByTestId('area-log'));
    await fireEvent.click(screen.getByTestId('log-nav-io'));
    await settle();

    await fireEvent.click(screen.getByTestId('letterboxd-choose'));
    await settle();
    expect(mocked.chooseFile).toHaveBeenCalledWith('Letterboxd export', 'Letterboxd export (.zip)', ['zip']);
    expect((screen.getByTestId('letterboxd-path') as HTMLInputElement).value).toBe('/home/me/letterboxd-export.zip');

    await fireEvent.click(screen.getByTestId('export-letterboxd-choose'));
    await settle();
    expect((screen.getByTestId('export-letterboxd-path') as HTMLInputElement).value).toBe('/home/me/log.csv');

    await fireEvent.input(screen.getByTestId('imdb-path'), { target: { value: '/data/imdb' } });
    await fireEvent.click(screen.getByTestId('imdb-choose'));
    await settle();
    expect((screen.getByTestId('imdb-path') as HTMLInputElement).value).toBe('/data/imdb');
  });
});
