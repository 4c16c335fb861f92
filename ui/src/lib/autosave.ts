// Autosave: the app's core promise is that there is no Save button to forget.
//
// Every change marks the document dirty and (re)starts a quiet timer; when it fires, or when
// the caller flushes (blur, switching documents, window close, Ctrl+S), the latest snapshot is
// saved. At most one save is in flight; changes made meanwhile are saved after it. "Saved" is
// reported only once the save resolved, which for save_review means the transaction committed.
// A failed save leaves the document dirty (the text stays where it is) and reports the error.

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string };

export interface AutosaveOptions<T, R> {
  /** Takes the current document at the moment a save starts. */
  snapshot: () => T;
  /** Stores it; resolving means it is durably stored. */
  save: (value: T) => Promise<R>;
  /** Called after each successful save with what the store returned. */
  onSaved?: (stored: R, sent: T) => void;
  /** Called whenever the status changes. */
  onStatus?: (status: SaveStatus) => void;
  /** Quiet time after the last change before saving. */
  delayMs?: number;
  /**
   * Longest a change waits for its save while changes keep coming: without it, a critic who
   * types without a one-second pause would have nothing saved until they stop.
   */
  maxWaitMs?: number;
}

export const AUTOSAVE_DELAY_MS = 1000;
/**
 * Below a second so that, with the commit's own few milliseconds (and a save already in
 * flight), a crash never loses more than the last second of typing (tests/e2e/crash.test.mjs).
 */
export const AUTOSAVE_MAX_WAIT_MS = 700;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'the save failed';
}

export class Autosaver<T, R = unknown> {
  private readonly options: AutosaveOptions<T, R>;
  private readonly delayMs: number;
  private readonly maxWaitMs: number;
  /** When the oldest change not yet in a save was made (null when there is none). */
  private dirtySince: number | null = null;
  private dirty = false;
  private saving = false;
  private error: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<boolean> | null = null;
  /** The save loop has not returned yet; cleared synchronously as it returns. */
  private active = false;
  /** A flush was asked for since the current save started. */
  private flushWanted = false;
  private disposed = false;
  private lastStatus: SaveStatus = { kind: 'saved' };

  constructor(options: AutosaveOptions<T, R>) {
    this.options = options;
    this.delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.maxWaitMs = options.maxWaitMs ?? AUTOSAVE_MAX_WAIT_MS;
  }

  get status(): SaveStatus {
    return this.lastStatus;
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  /** Records a change: the document is dirty and is saved after the quiet time. */
  change(): void {
    if (this.disposed) return;
    this.dirty = true;
    const now = Date.now();
    this.dirtySince ??= now;
    this.clearTimer();
    // A quiet second after the last change, but never later than maxWaitMs after the first.
    const wait = Math.max(0, Math.min(this.delayMs, this.dirtySince + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
    this.emit();
  }

  /**
   * Saves now if anything is unsaved, waiting for a save already in flight first. Resolves to
   * true when everything changed before the call is stored, false if a save failed.
   */
  flush(): Promise<boolean> {
    this.clearTimer();
    this.flushWanted = true;
    if (!this.active || !this.running) {
      this.active = true;
      this.running = this.run();
    }
    return this.running;
  }

  /** Saves again after a failure. */
  retry(): Promise<boolean> {
    return this.flush();
  }

  /** Stops the timer; a save in flight still completes. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private async run(): Promise<boolean> {
    while (this.flushWanted && this.dirty) {
      this.flushWanted = false;
      // Cleared before the save starts, so that a change made while it is in flight is not lost.
      this.dirty = false;
      this.dirtySince = null;
      const value = this.options.snapshot();
      this.saving = true;
      this.emit();
      try {
        const stored = await this.options.save(value);
        this.error = null;
        this.saving = false;
        this.options.onSaved?.(stored, value);
      } catch (error) {
        this.dirty = true;
        this.saving = false;
        this.error = messageOf(error);
        this.active = false;
        this.emit();
        return false;
      }
    }
    this.flushWanted = false;
    this.active = false;
    this.emit();
    // Anything still dirty changed after the flush was asked for; its timer is running.
    return true;
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private computeStatus(): SaveStatus {
    if (this.saving) return { kind: 'saving' };
    if (this.error !== null) return { kind: 'error', message: this.error };
    if (this.dirty) return { kind: 'dirty' };
    return { kind: 'saved' };
  }

  private emit(): void {
    const next = this.computeStatus();
    const prev = this.lastStatus;
    const same =
      prev.kind === next.kind &&
      (prev.kind !== 'error' || (next.kind === 'error' && prev.message === next.message));
    this.lastStatus = next;
    if (!same) this.options.onStatus?.(next);
  }
}
