import { describe, expect, it } from 'vitest';
import type { ReviewSummary } from './bindings';
import type { Command } from './commands';
import { ReviewFinder, fold, matchScore, rankCommands, rankReviews } from './palette';

function summary(id: string, film_title: string, headline = '', film_year: number | null = 2020): ReviewSummary {
  return {
    id,
    film_title,
    film_year,
    headline,
    status: 'draft',
    rating: { scale: 'five_stars', step: null },
    word_count: 0,
    updated_at: '2026-11-27T10:00:00+01:00',
  };
}

const LIBRARY = [
  summary('a', 'Late Spring', 'Ozu at his most tender', 1949),
  summary('b', 'Tokyo Story', 'Parents, children, a city', 1953),
  summary('c', 'Spring in a Small Town', 'A remake and an original'),
  summary('d', 'Çiçek Abbas', 'A Turkish comedy', 1982),
  summary('e', 'Stalker', 'The Zone'),
];

const ids = (list: ReviewSummary[]) => list.map((s) => s.id);

describe('palette ranking', () => {
  it('folds accents and case', () => {
    expect(fold('Çiçek ÉTÉ')).toBe('cicek ete');
    expect(ids(rankReviews('cicek', LIBRARY, 10))).toEqual(['d']);
  });

  it('puts a title that starts with the query before one that only contains it', () => {
    expect(ids(rankReviews('spring', LIBRARY, 10))).toEqual(['c', 'a']);
    expect(ids(rankReviews('late', LIBRARY, 10))).toEqual(['a']);
  });

  it('needs every word, in any field: title, year or headline', () => {
    expect(ids(rankReviews('tokyo 1953', LIBRARY, 10))).toEqual(['b']);
    expect(ids(rankReviews('ozu tender', LIBRARY, 10))).toEqual(['a']);
    expect(ids(rankReviews('tokyo ozu', LIBRARY, 10))).toEqual([]);
  });

  it('matches letters in order with gaps, below contiguous matches', () => {
    expect(matchScore('tkst', 'tokyo story')).not.toBeNull();
    expect(matchScore('tsk', 'tokyo story')).toBeNull();
    // "stl" spreads over Stalker; "sta" is a prefix of it: the prefix scores higher.
    expect(matchScore('sta', fold('Stalker'))!).toBeGreaterThan(matchScore('stl', fold('Stalker'))!);
    expect(ids(rankReviews('stlkr', LIBRARY, 10))).toEqual(['e']);
  });

  it('ranks whole-word and prefix matches of "rain" first and ignores scattered letters', () => {
    const films = [
      summary('rear', 'Rear Window', 'A photographer with a broken leg', 1954),
      summary('train', 'Training Day', 'A rookie’s first day', 2001),
      summary('maker', 'The Rainmaker', 'A Coppola legal drama', 1997),
      summary('singin', 'Singin’ in the Rain', 'Talkies arrive', 1952),
      summary('raging', 'Raging Bull', 'A boxer', 1980),
      summary('long', 'The Return of the Pink Panther and the Sinister Machine', 'A caper', 1975),
      summary('man', 'Rain Man', 'Two brothers on the road', 1988),
    ];
    const found = ids(rankReviews('rain', films, 10));
    expect(found.slice(0, 2)).toEqual(['man', 'singin']);
    // Then a word that starts with it, then one that contains it, then a close typo-like subsequence.
    expect(found.slice(2)).toEqual(['maker', 'train', 'raging']);
    expect(found).not.toContain('rear');
    expect(found).not.toContain('long');
  });

  it('allows a subsequence only when compact: near letters, word initials, or within one word', () => {
    expect(matchScore('rain', fold('Rear Window'))).toBeNull();
    expect(matchScore('rain', fold('The Return of the Pink Panther and the Sinister Machine'))).toBeNull();
    expect(matchScore('wkmr', fold('Werckmeister Harmonies'))).not.toBeNull();
    expect(matchScore('tkst', 'tokyo story')).not.toBeNull();
    // Every subsequence ranks below every contiguous match.
    expect(matchScore('stlkr', 'stalker')!).toBeLessThan(matchScore('alk', 'stalker')!);
    // An exact title beats a title that only starts with the query.
    expect(matchScore('stalker', 'stalker 1979')!).toBeGreaterThan(matchScore('stalk', 'stalker 1979')!);
  });

  it('keeps the library order (most recently edited) with no query, and the limit', () => {
    expect(ids(rankReviews('', LIBRARY, 3))).toEqual(['a', 'b', 'c']);
    expect(rankReviews('s', LIBRARY, 2)).toHaveLength(2);
  });

  it('finds commands by title and keywords', () => {
    const commands: Command[] = [
      { id: 'review.new', title: 'New review', keywords: ['create'], run: () => {} },
      { id: 'app.settings', title: 'Settings', keywords: ['preferences', 'theme'], run: () => {} },
    ];
    expect(rankCommands('prefs', commands, 5).map((c) => c.id)).toEqual(['app.settings']);
    expect(rankCommands('new', commands, 5).map((c) => c.id)).toEqual(['review.new']);
    expect(rankCommands('', commands, 5)).toHaveLength(2);
  });

  it('ranks ten thousand reviews', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => summary(`x${i}`, `Film number ${i}`, `Headline ${i % 97}`));
    many.push(summary('target', 'Werckmeister Harmonies', 'Tarr'));
    const finder = new ReviewFinder();
    const started = performance.now();
    const found = finder.find('werck', many, 20);
    const first = performance.now() - started;
    const again = performance.now();
    finder.find('werckm', many, 20);
    const second = performance.now() - again;
    expect(ids(found)[0]).toBe('target');
    // A figure, not an assertion: timing depends on the machine.
    console.info(`palette: 10,001 reviews ranked in ${first.toFixed(1)} ms (cold), ${second.toFixed(1)} ms (warm)`);
  });

  it('finds the same reviews typing on, back and anew as from scratch', () => {
    const many = [
      ...LIBRARY,
      summary('f', 'Late Autumn', 'Ozu again, in colour', 1960),
      summary('g', 'Autumn Sonata', 'Bergman and a piano', 1978),
      summary('h', 'The Long Day Closes', 'Davies remembers', 1992),
    ];
    const finder = new ReviewFinder();
    const typed = ['l', 'la', 'lat', 'late', 'late ', 'late a', 'late au', 'late s', 'lat', 'late sp', 'autumn', 'au 19', 'au 197', 'ozu', 'ozu c'];
    for (const query of typed) {
      expect(ids(finder.find(query, many, 10)), query).toEqual(ids(rankReviews(query, many, 10)));
    }
    // A new list (a save replaced one summary) is matched afresh.
    const renamed = many.map((s) => (s.id === 'g' ? { ...s, film_title: 'Autumn Leaves' } : s));
    expect(ids(finder.find('autumn lea', many, 10))).not.toContain('g');
    expect(ids(finder.find('autumn leav', renamed, 10))).toEqual(['g']);
  });
});
