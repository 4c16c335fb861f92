import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiffPart, SnapshotInfo } from './bindings';
import { PAUSE_MS, PauseTimer, daysLeft, diffStats, diffSummary, snapshotTime, snapshotTitle } from './history';

describe('PauseTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once, two minutes after the last keystroke in a section', () => {
    const paused = vi.fn();
    const timer = new PauseTimer(paused);
    timer.typed('s1');
    vi.advanceTimersByTime(PAUSE_MS - 1000);
    timer.typed('s1');
    vi.advanceTimersByTime(PAUSE_MS - 1);
    // Still typing, as far as the timer knows: the second keystroke restarted it.
    expect(paused).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(paused).toHaveBeenCalledExactlyOnceWith('s1');
    vi.advanceTimersByTime(10 * PAUSE_MS);
    expect(paused).toHaveBeenCalledOnce();
    expect(timer.pending()).toEqual([]);
  });

  it('keeps one timer per section', () => {
    const paused = vi.fn();
    const timer = new PauseTimer(paused);
    timer.typed('s1');
    vi.advanceTimersByTime(60_000);
    timer.typed('s2');
    expect(timer.pending()).toEqual(['s1', 's2']);
    // Typing in s2 does not put off s1's snapshot.
    vi.advanceTimersByTime(60_000);
    expect(paused.mock.calls).toEqual([['s1']]);
    vi.advanceTimersByTime(60_000);
    expect(paused.mock.calls).toEqual([['s1'], ['s2']]);
  });

  it('forgets pending pauses when cancelled', () => {
    const paused = vi.fn();
    const timer = new PauseTimer(paused, 500);
    timer.typed('s1');
    timer.typed('s2');
    timer.cancel();
    vi.advanceTimersByTime(10_000);
    expect(paused).not.toHaveBeenCalled();
    expect(timer.pending()).toEqual([]);
  });
});

describe('diff summaries', () => {
  const parts: DiffPart[] = [
    { kind: 'same', text: 'A ' },
    { kind: 'removed', text: 'slow' },
    { kind: 'added', text: 'patient, quietly moving' },
    { kind: 'same', text: ' film.' },
  ];

  it('counts the words added and removed', () => {
    expect(diffStats(parts)).toEqual({ added: 3, removed: 1 });
    expect(diffSummary(parts)).toBe('3 words added, 1 word removed');
    expect(diffSummary([{ kind: 'same', text: 'unchanged' }])).toBe('No changes');
    expect(diffSummary([])).toBe('No changes');
    expect(
      diffSummary([
        { kind: 'same', text: 'a' },
        { kind: 'added', text: '\n\n' },
      ]),
    ).toBe('Only spacing or punctuation changed');
  });
});

describe('snapshot lines', () => {
  const info: SnapshotInfo = {
    id: 'x',
    section_id: 's',
    review_id: 'r',
    taken_at: '2026-11-27T14:02:00Z',
    word_count: 3,
    name: null,
    reason: 'pause',
  };

  it('names a snapshot by its name, else by why it was taken', () => {
    expect(snapshotTitle(info)).toBe('Pause in writing');
    expect(snapshotTitle({ ...info, reason: 'restore' })).toBe('Before a restore');
    expect(snapshotTitle({ ...info, name: 'Sent to the editor' })).toBe('Sent to the editor');
  });

  it('shows the time today, "yesterday", else the date', () => {
    const taken = new Date(2026, 10, 27, 14, 2);
    const iso = taken.toISOString();
    expect(snapshotTime(iso, new Date(2026, 10, 27, 18, 0).getTime())).toBe('14:02');
    expect(snapshotTime(iso, new Date(2026, 10, 28, 9, 0).getTime())).toBe('yesterday 14:02');
    expect(snapshotTime(iso, new Date(2026, 11, 5).getTime())).toBe('27 Nov, 14:02');
    expect(snapshotTime(iso, new Date(2027, 0, 5).getTime())).toBe('27 Nov 2026, 14:02');
  });
});

describe('trash', () => {
  it('counts the days left before a purge, never below zero', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(daysLeft('2026-12-27T12:00:00Z', now)).toBe(30);
    expect(daysLeft('2026-11-28T11:00:00Z', now)).toBe(1);
    expect(daysLeft('2026-11-20T12:00:00Z', now)).toBe(0);
  });
});
