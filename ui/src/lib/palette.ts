// The command palette's matching: which reviews and commands fit what was typed, best first.
// Plain TS so that it is tested without a window, and cheap enough to run on every keystroke
// over ten thousand reviews (see ReviewFinder).

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

const LETTER = /[\p{L}\p{N}]/u;

/**
 * Whether the character at `index` is a letter or digit. Called for most characters of ten
 * thousand titles on a keystroke: ASCII (nearly all of a folded title) is decided by its code,
 * only the rest by the Unicode regex.
 */
function isLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  // NaN: past the end.
  return code === code && LETTER.test(text[index]!);
}

function isWordStart(text: string, index: number): boolean {
  return index === 0 || !isLetter(text, index - 1);
}

/** The next word's start after `index` (past the end of the word `index` is in), or -1. */
function nextWordStart(text: string, index: number): number {
  let i = index + 1;
  while (i < text.length && isLetter(text, i)) i += 1;
  while (i < text.length && !isLetter(text, i)) i += 1;
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
    for (let j = previous + 1; j <= previous + 1 + MAX_GAP && isLetter(text, j); j += 1) {
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
      for (let j = previous + 1; j < text.length && isLetter(text, j); j += 1) {
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
    if (isWordStart(text, at) && !isLetter(text, at + word.length)) score += 20;
    if (best === null || score > best) best = score;
  }
  if (best !== null) return best;
  // A compact match is a subsequence: a text without the letters in order is out at once.
  const head = word.charAt(0);
  const first = text.indexOf(head);
  for (let i = 1, at = first; i < word.length && at >= 0; i += 1) {
    at = text.indexOf(word.charAt(i), at + 1);
    if (at < 0) return null;
  }
  for (let at = first; at >= 0; at = text.indexOf(head, at + 1)) {
    const score = compactScore(word, text, at);
    if (score !== null && (best === null || score > best)) best = score;
  }
  return best;
}

/** The folded words of a query. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** The score of folded query words against folded text: every word must fit; null when one does not. */
function wordsScore(words: readonly string[], text: string): number | null {
  let total = 0;
  for (const word of words) {
    const score = wordScore(word, text);
    if (score === null) return null;
    total += score;
  }
  return total;
}

/** The score of a query against folded text: every word must fit; null when one does not. */
export function matchScore(query: string, text: string): number | null {
  return wordsScore(queryWords(query), text);
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/**
 * Where the `limit` best scores are, best first; ties keep the list's order (the lower
 * position). A bounded insertion, not a sort of every match: the first letter typed fits
 * nearly the whole library.
 */
function best(scores: readonly number[], limit: number): number[] {
  const top: number[] = [];
  for (let k = 0; k < scores.length; k += 1) {
    const score = scores[k]!;
    // Positions come in ascending order, so an equal score never goes before one already kept.
    if (top.length === limit && score <= scores[top[limit - 1]!]!) continue;
    let at = top.length;
    while (at > 0 && scores[top[at - 1]!]! < score) at -= 1;
    top.splice(at, 0, k);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** The items whose text fits the query, best first; ties keep the list's order. */
export function rank<T>(query: string, items: readonly T[], text: (item: T) => string, limit: number): Ranked<T>[] {
  const words = queryWords(query);
  const indices: number[] = [];
  const scores: number[] = [];
  items.forEach((item, index) => {
    const score = wordsScore(words, text(item));
    if (score !== null) {
      indices.push(index);
      scores.push(score);
    }
  });
  return best(scores, limit).map((k) => ({ item: items[indices[k]!]!, score: scores[k]! }));
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

/** Folded review texts, kept per summary object: a save replaces one summary, not the rest. */
const reviewTexts = new WeakMap<ReviewSummary, string>();

function foldedReviewText(summary: ReviewSummary): string {
  let text = reviewTexts.get(summary);
  if (text === undefined) {
    text = reviewText(summary);
    reviewTexts.set(summary, text);
  }
  return text;
}

/**
 * Finds reviews for the palette as the critic types, over ten thousand of them within a frame:
 * the folded texts are made once per list (and kept per summary), and a query that only adds
 * to the previous one (the next letter, the next word) is matched against the previous
 * matches alone — a word that fits a text still fits it without its last letters, so nothing
 * outside them can fit the longer query.
 */
export class ReviewFinder {
  private list: readonly ReviewSummary[] | null = null;
  private texts: string[] = [];
  private lastWords: string[] = [];
  /** Positions in `list` that fit `lastWords`, ascending. */
  private lastMatches: number[] = [];

  /** Folds the texts of `summaries` (a new list: matching starts afresh). */
  prepare(summaries: readonly ReviewSummary[]): void {
    if (summaries === this.list) return;
    this.list = summaries;
    this.texts = summaries.map(foldedReviewText);
    this.lastWords = [];
  }

  /**
   * Reviews for a query: with the query empty, the most recently edited (the list's order);
   * otherwise the best fits, a film title that starts with the query first.
   */
  find(query: string, summaries: readonly ReviewSummary[], limit: number): ReviewSummary[] {
    const words = queryWords(query);
    if (words.length === 0) return summaries.slice(0, limit);
    this.prepare(summaries);
    const narrows =
      this.lastWords.length > 0 &&
      this.lastWords.length <= words.length &&
      this.lastWords.every((word, i) => words[i]!.startsWith(word));
    const matches: number[] = [];
    const scores: number[] = [];
    const consider = (index: number) => {
      const score = wordsScore(words, this.texts[index]!);
      if (score !== null) {
        matches.push(index);
        scores.push(score);
      }
    };
    if (narrows) for (const index of this.lastMatches) consider(index);
    else for (let index = 0; index < this.texts.length; index += 1) consider(index);
    this.lastWords = words;
    this.lastMatches = matches;
    return best(scores, limit).map((k) => summaries[matches[k]!]!);
  }
}

/** Reviews for a query, once (the palette keeps a ReviewFinder instead). */
export function rankReviews(query: string, summaries: readonly ReviewSummary[], limit: number): ReviewSummary[] {
  return new ReviewFinder().find(query, summaries, limit);
}

export function rankCommands(query: string, available: readonly Command[], limit: number): Command[] {
  if (query.trim() === '') return available.slice(0, limit);
  return rank(query, available, commandText, limit).map((r) => r.item);
}
