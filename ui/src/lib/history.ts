// Section history on the UI side: when a writing pause is over (so a snapshot is due), and
// how a word-level diff from the domain reads on screen. Taking, storing and de-duplicating
// snapshots is the domain's work (core/src/store/history.rs).

import type { DiffPart, SnapshotInfo, SnapshotReason } from './bindings';
import { countWords } from './words';
import { cached, shortDate } from './format';

/** A section counts as paused after this long without typing in it. */
export const PAUSE_MS = 2 * 60_000;

/**
 * One quiet timer per section: every keystroke in a section restarts that section's timer; when
 * it runs out, `onPause(sectionId)` is called once. Typing in one section does not delay
 * another's snapshot.
 */
export class PauseTimer {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly onPause: (sectionId: string) => void,
    private readonly delayMs: number = PAUSE_MS,
  ) {}

  /** The critic typed in `sectionId`. */
  typed(sectionId: string): void {
    const running = this.timers.get(sectionId);
    if (running !== undefined) clearTimeout(running);
    this.timers.set(
      sectionId,
      setTimeout(() => {
        this.timers.delete(sectionId);
        this.onPause(sectionId);
      }, this.delayMs),
    );
  }

  /** The sections whose pause is still to come. */
  pending(): string[] {
    return [...this.timers.keys()];
  }

  /** Forgets every pending pause (the review is left: a switch snapshot covers it). */
  cancel(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

export const REASON_LABELS: Record<SnapshotReason, string> = {
  pause: 'Pause in writing',
  switch: 'Left the review',
  restore: 'Before a restore',
  manual: 'Snapshot',
};

/** The line a snapshot gets in the list: its name, else why it was taken. */
export function snapshotTitle(info: SnapshotInfo): string {
  return info.name ?? REASON_LABELS[info.reason];
}

/** Words added and removed, for the diff's summary line. */
export function diffStats(parts: readonly DiffPart[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    if (part.kind === 'added') added += countWords(part.text);
    else if (part.kind === 'removed') removed += countWords(part.text);
  }
  return { added, removed };
}

/** The summary of a diff in words, for people and screen readers alike. */
export function diffSummary(parts: readonly DiffPart[]): string {
  const { added, removed } = diffStats(parts);
  if (added === 0 && removed === 0) {
    return parts.some((p) => p.kind !== 'same') ? 'Only spacing or punctuation changed' : 'No changes';
  }
  const plural = (n: number) => (n === 1 ? 'word' : 'words');
  const bits: string[] = [];
  if (added > 0) bits.push(`${added} ${plural(added)} added`);
  if (removed > 0) bits.push(`${removed} ${plural(removed)} removed`);
  return bits.join(', ');
}

/** Days left before a trashed review is purged, never below zero. */
export function daysLeft(purgeAfter: string, now: number = Date.now()): number {
  const ms = Date.parse(purgeAfter) - now;
  return Math.max(0, Math.ceil(ms / 86_400_000));
}

// Made once (see `cached` in format.ts): the history panel lists a time per snapshot.
const dateTimeFormat = cached(() => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
const timeFormat = cached(() => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }));

/** A date and time in the critic's locale, e.g. "27 Nov 2026, 14:02". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat().format(date);
}

/** A size in bytes for people. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** When a snapshot was taken, short: "14:02" today, "yesterday 09:15", else "12 Nov, 18:40". */
export function snapshotTime(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = timeFormat().format(date);
  const day = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
  const today = new Date(now);
  const yesterday = new Date(now - 86_400_000);
  if (day(date) === day(today)) return time;
  if (day(date) === day(yesterday)) return `yesterday ${time}`;
  const sameYear = date.getFullYear() === today.getFullYear();
  const when = shortDate(date, sameYear);
  return `${when}, ${time}`;
}
