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

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  return !/[\p{L}\p{N}]/u.test(text[index - 1] ?? '');
}

/**
 * How well one folded query word fits folded text: a contiguous match scores most (more at the
 * start of the text, then at a word's start), letters in order with gaps ("tkys" in "tokyo
 * story") score less the more they are spread out. Null when the letters are not all there in
 * order.
 */
export function wordScore(word: string, text: string): number | null {
  if (word === '') return 0;
  const at = text.indexOf(word);
  if (at >= 0) {
    let score = 100 + word.length * 4;
    if (at === 0) score += 60;
    else if (isWordStart(text, at)) score += 40;
    else {
      // A later occurrence may sit at a word's start ("spring" in "late spring, springs").
      let next = text.indexOf(word, at + 1);
      while (next >= 0 && !isWordStart(text, next)) next = text.indexOf(word, next + 1);
      if (next >= 0) score += 40;
    }
    return score;
  }
  // Letters in order: each letter found after the previous; gaps cost, word starts help.
  let score = 0;
  let from = 0;
  let previous = -1;
  for (const letter of word) {
    const index = text.indexOf(letter, from);
    if (index < 0) return null;
    if (isWordStart(text, index)) score += 8;
    if (previous >= 0 && index === previous + 1) score += 5;
    else if (previous >= 0) score -= Math.min(index - previous, 10);
    previous = index;
    from = index + 1;
  }
  return Math.max(score, 1);
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
