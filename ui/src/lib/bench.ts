// Measurement hooks for the app benchmark (`make bench-app`, scripts/bench-app.mjs). They are
// installed only when the backend says FILMDESK_BENCH is set (the answer to ui_ready), so in
// normal use nothing here runs: no listeners, no global, and benchSave is a plain pass-through.
// The benchmark reads the figures over WebDriver from window.__filmdeskBench.report().

/** One keydown, on the performance.now() clock except `stamp`. */
interface BenchKey {
  /** The event's timeStamp: when the key was made, on WebKitGTK's own clock (see offset). */
  stamp: number;
  /** When the page got the key (the first capture listener ran). */
  dispatched: number;
  /** When the next frame began (its animation frame callback ran); 0 until then. */
  frame: number;
  /** Just after the next painted frame; 0 until then. */
  painted: number;
}

interface BenchSaveRecord {
  /** Index in keys of the keydown before the save started. */
  key: number;
  /** When the autosaver called save_review (the end of the debounce). */
  start: number;
  /** When save_review resolved: the transaction committed. */
  end: number;
}

export interface BenchSave {
  /** The keydown before the save started (performance.now() clock, ms). */
  lastKey: number;
  start: number;
  end: number;
}

export interface BenchReport {
  /** Per keydown: ms from the key being made to just after the next painted frame. */
  frames: number[];
  saves: BenchSave[];
  /** When the last key was made (performance.now() clock). */
  lastKey: number;
  /** Per keydown: ms the key waited before the page got it (a busy page delays it). */
  waits: number[];
  /** Per painted keydown: ms from the page getting the key to its frame beginning (the key's
   * script, then the wait for WebKit's next frame, which comes at the display's rate). */
  toFrame: number[];
  /** Per painted keydown: ms from the frame beginning to it being painted (style, layout, paint). */
  rendering: number[];
}

export interface BenchState {
  reset(): void;
  report(): BenchReport;
  /** Number of keydowns whose frame has been painted since the last reset. */
  painted(): number;
}

let keys: BenchKey[] = [];
let saves: BenchSaveRecord[] = [];
let installed = false;

/**
 * WebKitGTK stamps a key event with the X server's time, converted to the page's clock with an
 * offset that differs by tens of ms from one launch to the next (seen: −40 to +10 ms). So the
 * stamp alone misplaces the key. The offset is taken from the key that waited least: with the
 * benchmark's 100 ms between keys, some key always finds the page idle and is dispatched as
 * soon as it is made. Every key's wait in a queue behind a busy page is still counted.
 */
function clockOffset(): number {
  let offset = Infinity;
  for (const key of keys) offset = Math.min(offset, key.dispatched - key.stamp);
  return Number.isFinite(offset) ? offset : 0;
}

function report(): BenchReport {
  const offset = clockOffset();
  const madeAt = (key: BenchKey | undefined) => (key ? key.stamp + offset : 0);
  const done = keys.filter((key) => key.painted > 0);
  return {
    frames: done.map((key) => key.painted - madeAt(key)),
    toFrame: done.map((key) => key.frame - key.dispatched),
    rendering: done.map((key) => key.painted - key.frame),
    waits: keys.map((key) => key.dispatched - madeAt(key)),
    saves: saves.map((save) => ({ lastKey: madeAt(keys[save.key]), start: save.start, end: save.end })),
    lastKey: madeAt(keys.at(-1)),
  };
}

/** Installs the hooks (once). */
export function installBench(): void {
  if (installed) return;
  installed = true;
  const state: BenchState = {
    reset() {
      keys = [];
      saves = [];
    },
    report,
    painted: () => keys.filter((key) => key.painted > 0).length,
  };
  document.addEventListener(
    'keydown',
    (event) => {
      const key: BenchKey = { stamp: event.timeStamp, dispatched: performance.now(), frame: 0, painted: 0 };
      keys.push(key);
      // The editor handles the key in this same task; the next animation frame paints it. A
      // message posted from that frame's callback runs once the frame's rendering is done.
      requestAnimationFrame(() => {
        key.frame = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          key.painted = performance.now();
          channel.port1.close();
        };
        channel.port2.postMessage(null);
      });
    },
    { capture: true },
  );
  (window as unknown as { __filmdeskBench: BenchState }).__filmdeskBench = state;
}

/** Times a save (debounce end to commit) when the hooks are on; otherwise just `save()`. */
export function benchSave<T>(save: () => Promise<T>): Promise<T> {
  if (!installed) return save();
  const key = keys.length - 1;
  const start = performance.now();
  const batch = saves;
  return save().then((value) => {
    // A reset between start and end drops this save with the keys it belonged to.
    if (batch === saves && key >= 0) saves.push({ key, start, end: performance.now() });
    return value;
  });
}
