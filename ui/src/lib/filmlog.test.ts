import { describe, expect, it } from 'vitest';
import { BackendError } from './backend';
import type { DiaryEntry } from './bindings';
import {
  barLength,
  dayParts,
  formProblem,
  formatMinutes,
  groupByMonth,
  isIsoDate,
  logErrorText,
  mergeSuggestions,
  niceScale,
  splitTitleYear,
  toNewViewing,
  todayIso,
  type LogForm,
} from './filmlog';

function entry(id: string, watched_on: string, title = 'Heat'): DiaryEntry {
  return {
    viewing: {
      id,
      film_id: `f-${title}`,
      watched_on,
      rating: { scale: 'five_stars', step: 8 },
      rewatch: false,
      liked: false,
      place_kind: null,
      place: '',
      with_whom: '',
      notes: '',
      tags: [],
      review_id: null,
      created_at: '2026-01-01T00:00:00+00:00',
    },
    film: { id: `f-${title}`, title, year: 1995, directors: [] },
  };
}

function form(over: Partial<LogForm> = {}): LogForm {
  return {
    filmText: '',
    chosen: null,
    watchedOn: '2026-11-20',
    rating: { scale: 'five_stars', step: null },
    rewatch: false,
    liked: false,
    placeKind: null,
    place: '',
    withWhom: '',
    notes: '',
    tags: '',
    reviewId: null,
    ...over,
  };
}

describe('diary grouping', () => {
  it('groups newest-first entries by month, in order, with readable labels', () => {
    const groups = groupByMonth([
      entry('a', '2026-11-27'),
      entry('b', '2026-11-02'),
      entry('c', '2026-10-31'),
      entry('d', '2025-12-25'),
      entry('e', '2025-12-01'),
    ]);
    expect(groups.map((g) => [g.key, g.label, g.entries.map((e) => e.viewing.id)])).toEqual([
      ['2026-11', 'November 2026', ['a', 'b']],
      ['2026-10', 'October 2026', ['c']],
      ['2025-12', 'December 2025', ['d', 'e']],
    ]);
  });

  it('keeps one group per month even when a page break splits it, and nothing for no entries', () => {
    expect(groupByMonth([])).toEqual([]);
    const groups = groupByMonth([entry('a', '2026-03-05'), entry('b', '2026-02-01'), entry('c', '2026-03-01')]);
    expect(groups.map((g) => g.entries.length)).toEqual([2, 1]);
  });

  it('names the day as the diary shows it', () => {
    expect(dayParts('2026-11-27')).toEqual({ day: '27', weekday: 'Fri', long: '27 November 2026' });
    expect(dayParts('2024-02-29').weekday).toBe('Thu');
  });
});

describe('chart scaling', () => {
  it('ends the axis on a round number at or above the largest value', () => {
    expect(niceScale(7, 4)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(1, 4)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceScale(10, 5)).toEqual({ top: 10, ticks: [0, 2, 4, 6, 8, 10] });
    expect(niceScale(23, 4)).toEqual({ top: 30, ticks: [0, 10, 20, 30] });
    expect(niceScale(340, 4)).toEqual({ top: 400, ticks: [0, 100, 200, 300, 400] });
  });

  it('never draws a fraction of a film on the axis, and copes with nothing at all', () => {
    expect(niceScale(3, 5).ticks).toEqual([0, 1, 2, 3]);
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN)).toEqual({ top: 1, ticks: [0, 1] });
  });

  it('sizes bars in proportion, clamped to the axis', () => {
    expect(barLength(4, 8, 200)).toBe(100);
    expect(barLength(8, 8, 200)).toBe(200);
    expect(barLength(0, 8, 200)).toBe(0);
    expect(barLength(12, 8, 200)).toBe(200);
    expect(barLength(3, 0, 200)).toBe(0);
  });

  it('writes minutes as hours', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(1880)).toBe('31 h 20 min');
  });
});

describe('the Log a film dialog', () => {
  it('asks for a film and a real, past day', () => {
    expect(formProblem(form(), '2026-11-27')).toEqual({ field: 'film', message: 'Name the film you watched.' });
    expect(formProblem(form({ filmText: '   ' }), '2026-11-27')?.field).toBe('film');
    expect(formProblem(form({ filmText: 'Heat', watchedOn: '' }), '2026-11-27')?.field).toBe('date');
    expect(formProblem(form({ filmText: 'Heat', watchedOn: '2026-02-30' }), '2026-11-27')?.field).toBe('date');
    expect(formProblem(form({ filmText: 'Heat', watchedOn: '2026-11-28' }), '2026-11-27')?.message).toBe(
      'That day has not come yet.',
    );
    expect(formProblem(form({ filmText: 'Heat', watchedOn: '2026-11-27' }), '2026-11-27')).toBeNull();
  });

  it('sends a typed title as a new film, with the year when typed as "Title (Year)"', () => {
    expect(splitTitleYear('Heat (1995)')).toEqual({ title: 'Heat', year: 1995 });
    expect(splitTitleYear('  Heat ')).toEqual({ title: 'Heat', year: null });
    expect(splitTitleYear('2001: A Space Odyssey')).toEqual({ title: '2001: A Space Odyssey', year: null });
    const v = toNewViewing(
      form({
        filmText: 'Heat (1995)',
        rating: { scale: 'five_stars', step: 9 },
        rewatch: true,
        liked: true,
        placeKind: 'cinema',
        place: ' Prince Charles ',
        withWhom: ' Ana ',
        tags: '35mm, , retrospective ',
        notes: 'Still the best shoot-out.\n',
      }),
    );
    expect(v).toEqual({
      film: {
        kind: 'new',
        facts: {
          title: 'Heat',
          original_title: '',
          year: 1995,
          runtime_minutes: null,
          directors: [],
          cast: [],
          genres: [],
          countries: [],
          languages: [],
          where_to_watch: '',
          imdb_id: '',
        },
      },
      watched_on: '2026-11-20',
      rating: { scale: 'five_stars', step: 9 },
      rewatch: true,
      liked: true,
      place_kind: 'cinema',
      place: 'Prince Charles',
      with_whom: 'Ana',
      notes: 'Still the best shoot-out.\n',
      tags: ['35mm', 'retrospective'],
      review_id: null,
    });
  });

  it('sends a picked library film by id, and IMDb facts as they came', () => {
    const existing = toNewViewing(form({ filmText: 'Heat (1995)', chosen: { kind: 'existing', id: 'f1', title: 'Heat', year: 1995 } }));
    expect(existing.film).toEqual({ kind: 'existing', id: 'f1' });
    const facts = { ...toNewViewing(form({ filmText: 'Alien' })).film, kind: 'new' } as { kind: 'new'; facts: import('./bindings').FilmFacts };
    facts.facts = { ...facts.facts, imdb_id: 'tt0078748', directors: ['Ridley Scott'] };
    const fromImdb = toNewViewing(form({ filmText: 'Alien (1979)', chosen: { kind: 'facts', facts: facts.facts } }));
    expect(fromImdb.film).toEqual({ kind: 'new', facts: facts.facts });
  });

  it('offers library films first and leaves out an IMDb title the library has', () => {
    const list = mergeSuggestions(
      [{ id: 'f1', title: 'Heat', year: 1995, directors: ['Michael Mann'], viewings: 2 }],
      [
        { tconst: 'tt0113277', title: 'Heat', original_title: '', year: 1995, runtime_minutes: 170, kind: 'movie' },
        { tconst: 'tt0090927', title: 'Heat', original_title: '', year: 1986, runtime_minutes: 101, kind: 'movie' },
        { tconst: 'tt1', title: 'Heatwave', original_title: 'Canicule', year: 2001, runtime_minutes: null, kind: 'tvMovie' },
      ],
    );
    expect(list.map((s) => [s.source, s.title, s.year, s.detail])).toEqual([
      ['library', 'Heat', 1995, 'Michael Mann · seen 2 times'],
      ['imdb', 'Heat', 1986, '101 min · IMDb'],
      ['imdb', 'Heatwave', 2001, 'Canicule · TV film · IMDb'],
    ]);
    expect(mergeSuggestions([], [], 3)).toEqual([]);
  });

  it('tells errors apart by their code', () => {
    expect(logErrorText(new BackendError('invalid_input', 'film year 1492 is not a year a film could be from'))).toBe(
      'film year 1492 is not a year a film could be from',
    );
    expect(logErrorText(new BackendError('busy', 'database is locked'))).toMatch(/busy in another process/);
    expect(logErrorText(new BackendError('not_found', 'film f1'))).toMatch(/no longer there/);
    expect(logErrorText(new BackendError('io', 'No such file'))).toMatch(/could not be read or written: No such file/);
  });

  it('dates by the local calendar', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(isIsoDate('2026-01-05')).toBe(true);
    expect(isIsoDate('2026-1-5')).toBe(false);
  });
});
