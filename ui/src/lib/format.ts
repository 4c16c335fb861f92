// Small display helpers shared by the sidebar, the editor and the facts panel.

import type { Rating, RatingScale, Review, ReviewSummary, ScaleInfo, Status } from './bindings';
import { countWords } from './words';

export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  ready: 'Ready',
  published: 'Published',
};

export function isStarScale(scale: RatingScale): boolean {
  return scale === 'five_stars' || scale === 'four_stars';
}

/**
 * A rating the way its readers know it: "★★★½" on a star scale, "7/10", "85/100", "B+".
 * The step's own words come from the backend's ScaleInfo, so the UI holds no rating rules.
 */
export function ratingText(rating: Rating, scales: ScaleInfo[]): { text: string; label: string } | null {
  if (rating.step === null) return null;
  const info = scales.find((s) => s.scale === rating.scale);
  const step = info?.steps[rating.step];
  if (!info || !step) return null;
  switch (rating.scale) {
    case 'five_stars':
    case 'four_stars': {
      const whole = Math.floor(rating.step / 2);
      const text = '★'.repeat(whole) + (rating.step % 2 === 1 ? '½' : '') || '0★';
      return { text, label: step.accessible };
    }
    case 'ten_points':
      return { text: `${step.display}/10`, label: step.accessible };
    case 'hundred_points':
      return { text: `${step.display}/100`, label: step.accessible };
    case 'letter':
      return { text: step.display, label: step.accessible };
  }
}

/**
 * The nearest step on `to` for a canonical 0–100 value; ties go up, and of two steps with the
 * same value (A and A+ both 100) the lower is taken, as the Rust conversion does.
 */
export function convertStep(canonical: number, to: ScaleInfo): number {
  let best = 0;
  for (const s of to.steps) {
    const current = to.steps[best];
    if (current && Math.abs(s.canonical - canonical) <= Math.abs(current.canonical - canonical)) {
      best = s.step;
    }
  }
  while (best > 0 && to.steps[best - 1]?.canonical === to.steps[best]?.canonical) best -= 1;
  return best;
}

/**
 * Formatters are made once and kept: WebKit builds each from ICU's locale data, and making one
 * per call (`toLocaleDateString`, `toLocaleString`) cost the large library's start-up about 2 ms
 * of the web process's time per sidebar row.
 */
export function cached<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const relativeFormat = cached(() => new Intl.RelativeTimeFormat('en', { numeric: 'auto' }));
const dayMonthFormat = cached(() => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }));
const dayMonthYearFormat = cached(
  () => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }),
);
const countFormat = cached(() => new Intl.NumberFormat('en-GB'));

/** "3 min ago", "yesterday", "12 Nov": when a review was last edited. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relativeFormat().format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relativeFormat().format(-hours, 'hour');
  const days = Math.round(hours / 24);
  if (days < 7) return relativeFormat().format(-days, 'day');
  const date = new Date(then);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return shortDate(date, sameYear);
}

/** "12 Nov", or "12 Nov 2024" for a date of another year. */
export function shortDate(date: Date, sameYear: boolean): string {
  return (sameYear ? dayMonthFormat() : dayMonthYearFormat()).format(date);
}

/**
 * The library line for a review, computed the way the Rust side does. `sectionWords` gives
 * the sections' word counts where they are known already (the editors keep them as the critic
 * types), so a save of a long review does not recount its every word; a section it lacks is
 * counted here.
 */
export function summaryOf(review: Review, sectionWords?: ReadonlyMap<string, number>): ReviewSummary {
  const headline = review.sections.find((s) => s.role === 'headline')?.body.trim() ?? '';
  return {
    id: review.id,
    film_title: review.film.title,
    film_year: review.film.year,
    headline,
    status: review.status,
    rating: { ...review.rating },
    word_count: review.sections.reduce((n, s) => n + (sectionWords?.get(s.id) ?? countWords(s.body)), 0),
    updated_at: review.updated_at,
  };
}

/** Splits "Drama, Mystery" into ["Drama", "Mystery"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function joinList(items: readonly string[]): string {
  return items.join(', ');
}

/** A whole number typed by a person, or null for an empty field; undefined when it is not one. */
export function parseWhole(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,9}$/.test(t)) return undefined;
  return Number.parseInt(t, 10);
}

/** "+01:00" for the machine's offset at that local wall time. */
export function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/**
 * A datetime-local value ("2026-03-14T09:00") as RFC 3339 with the local offset, so the
 * critic's own time zone is kept; null for an empty field.
 */
export function localInputToRfc3339(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${localOffset(date)}`;
}

/** The wall time written in an RFC 3339 value, for a datetime-local input. */
export function rfc3339ToLocalInput(value: string | null): string {
  if (!value) return '';
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  return match ? `${match[1]}T${match[2]}` : '';
}

/** The offset an RFC 3339 value was written with ("UTC+01:00"), for a hint beside the input. */
export function rfc3339Offset(value: string | null): string {
  if (!value) return '';
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!match) return '';
  return match[1] === 'Z' ? 'UTC' : `UTC${match[1]}`;
}

/** "direction-and-themes": a stable hook for a section named by the critic. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function formatCount(n: number): string {
  return countFormat().format(n);
}
