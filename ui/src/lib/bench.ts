// Measurement hooks for the app benchmark (`make bench-app`, scripts/bench-app.mjs). They are
// installed only when the backend says FILMDESK_BENCH is set (the answer to ui_ready), so in
// normal use nothing here runs: no listeners, no global, and benchSave is a plain pass-through.
// The benchmark reads the figures over WebDriver from window.__filmdeskBench.

export interface BenchSave {
  /** The keydown before the save started (performance.now() clock, ms). */
  lastKey: number;
  /** When the autosaver called save_review (the end of the debounce). */
  start: number;
  /** When save_review resolved: the transaction committed. */
  end: number;
}

export interface BenchState {
  /** Per keydown: ms from the event's timeStamp to just after the next painted frame. */
  frames: number[];
  saves: BenchSave[];
  lastKey: number;
  reset(): void;
}

let state: BenchState | null = null;

/** Installs the hooks (once). */
export function installBench(): void {
  if (state) return;
  const s: BenchState = {
    frames: [],
    saves: [],
    lastKey: 0,
    reset() {
      s.frames = [];
      s.saves = [];
    },
  };
  state = s;
  document.addEventListener(
    'keydown',
    (event) => {
      // Event.timeStamp is on the performance.now() clock in WebKit; guard against an engine
      // that gives epoch milliseconds instead.
      const now = performance.now();
      const t0 = event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now;
      s.lastKey = t0;
      // The editor handles the key in this same task; the next animation frame paints it. A
      // message posted from that frame's callback runs once the frame's rendering is done.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          s.frames.push(performance.now() - t0);
          channel.port1.close();
        };
        channel.port2.postMessage(null);
      });
    },
    { capture: true },
  );
  (window as unknown as { __filmdeskBench: BenchState }).__filmdeskBench = s;
}

/** Times a save (debounce end to commit) when the hooks are on; otherwise just `save()`. */
export function benchSave<T>(save: () => Promise<T>): Promise<T> {
  const s = state;
  if (!s) return save();
  const lastKey = s.lastKey;
  const start = performance.now();
  return save().then((value) => {
    s.saves.push({ lastKey, start, end: performance.now() });
    return value;
  });
}
