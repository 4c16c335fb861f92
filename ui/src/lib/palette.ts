// The command palette's matching: which reviews and commands fit what was typed, best first.
// Plain TS so that it is tested without a window, and cheap enough to run on every keystroke
// over ten thousand reviews (the folded text of each is computed once per palette opening).

import type { ReviewSummary } from './bindings';
import type { Command } from './commands';

/** Lower case, accents off ("Çiçek" → "cicek"), as the full-text index folds them. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most titles are plain ASCII: skip the (costly) normalisation for them.
  // eslint-disable-next-line no-control-regex -- the ASCII range is the point
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/\p{M}+/gu, '');
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function isWordStart(text: string, index: number): boolean {
  return index === 0 || !isLetter(text[index - 1]);
}

/** The next word's start after `index` (past the end of the word `index` is in), or -1. */
function nextWordStart(text: string, index: number): number {
  let i = index + 1;
  while (i < text.length && isLetter(text[i])) i += 1;
  while (i < text.length && !isLetter(text[i])) i += 1;
  return i < text.length ? i : -1;
}

/** Letters a subsequence may skip between two of its letters ("stlkr" in "stalker" skips one). */
const MAX_GAP = 2;

/** Contiguous matches score at least this; a subsequence always scores less. */
const CONTIGUOUS = 100;

/**
 * A compact subsequence of `word` in `text` starting at `first`, or null. Each next letter must be
 * close (at most MAX_GAP letters skipped, in the same word), or begin the next word ("tkst" in "tokyo story"), or,
 * when the match began at a word's start, be further on in that same word (an abbreviation:
 * "prefs" in "preferences"). Letters scattered across a long title ("rain" in "rear window") do
 * not match. Greedy: the nearest allowed place for each letter.
 */
function compactScore(word: string, text: string, first: number): number | null {
  const abbreviating = isWordStart(text, first);
  let score = 40 + (abbreviating ? 12 : 0);
  let previous = first;
  for (let i = 1; i < word.length; i += 1) {
    const letter = word[i];
    let at = -1;
    // Near: in the same word (a skip never crosses into the next word: "r machine" is not "rain").
    for (let j = previous + 1; j <= previous + 1 + MAX_GAP && isLetter(text[j]); j += 1) {
      if (text[j] === letter) {
        at = j;
        break;
      }
    }
    if (at < 0) {
      const next = nextWordStart(text, previous);
      if (next >= 0 && text[next] === letter) at = next;
    }
    if (at < 0 && abbreviating) {
      for (let j = previous + 1; j < text.length && isLetter(text[j]); j += 1) {
        if (text[j] === letter) {
          at = j;
          break;
        }
      }
    }
    if (at < 0) return null;
    if (at === previous + 1) score += 5;
    else if (isWordStart(text, at)) score += 6;
    else score -= Math.min(at - previous - 1, 6);
    previous = at;
  }
  return Math.min(Math.max(score, 1), CONTIGUOUS - 1);
}

/**
 * How well one folded query word fits folded text, null when it does not. A contiguous match
 * scores most: at the start of the text (the film's title) best, then at a word's start, more
 * again when it is a whole word ("rain" in "singin' in the rain" above "the rainmaker"), least
 * inside a word ("training day"). Below every contiguous match, a compact subsequence (see
 * compactScore), the best of its possible starts.
 */
export function wordScore(word: string, text: string): number | null {
  if (word === '') return 0;
  let best: number | null = null;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    let score = CONTIGUOUS + word.length * 4;
    if (at === 0) score += 60;
    else if (isWordStart(text, at)) score += 40;
    if (isWordStart(text, at) && !isLetter(text[at + word.length])) score += 20;
    if (best === null || score > best) best = score;
  }
  if (best !== null) return best;
  const head = word.charAt(0);
  for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
    const score = compactScore(word, text, at);
    if (score !== null && (best === null || score > best)) best = score;
  }
  return best;
}

/** The score of a query against folded text: every word must fit; null when one does not. */
export function matchScore(query: string, text: string): number | null {
  const words = fold(query).split(/\s+/).filter(Boolean);
  let total = 0;
  for (const word of words) {
    const score = wordScore(word, text);
    if (score === null) return null;
    total += score;
  }
  return total;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/** The items whose text fits the query, best first; ties keep the list's order. */
export function rank<T>(query: string, items: readonly T[], text: (item: T) => string, limit: number): Ranked<T>[] {
  const ranked: (Ranked<T> & { order: number })[] = [];
  items.forEach((item, order) => {
    const score = matchScore(query, text(item));
    if (score !== null) ranked.push({ item, score, order });
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.slice(0, limit).map(({ item, score }) => ({ item, score }));
}

/** What the palette matches a review on: the film's title (first, so a title that starts with the query wins), year, headline. */
export function reviewText(summary: ReviewSummary): string {
  const title = summary.film_title || 'Untitled film';
  return fold(`${title} ${summary.film_year ?? ''} ${summary.headline}`);
}

/** What the palette matches a command on: its title and keywords. */
export function commandText(command: Command): string {
  return fold([command.title, ...(command.keywords ?? [])].join(' '));
}

/**
 * Reviews for a query: with the query empty, the most recently edited (the list's order);
 * otherwise the best fits, a film title that starts with the query first.
 */
export function rankReviews(
  query: string,
  summaries: readonly ReviewSummary[],
  texts: Map<string, string>,
  limit: number,
): ReviewSummary[] {
  if (query.trim() === '') return summaries.slice(0, limit);
  const textOf = (s: ReviewSummary) => {
    let text = texts.get(s.id);
    if (text === undefined) {
      text = reviewText(s);
      texts.set(s.id, text);
    }
    return text;
  };
  return rank(query, summaries, textOf, limit).map((r) => r.item);
}

export function rankCommands(query: string, available: readonly Command[], limit: number): Command[] {
  if (query.trim() === '') return available.slice(0, limit);
  return rank(query, available, commandText, limit).map((r) => r.item);
}
