import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveStatus } from './autosave';

/** A save whose completion each test controls. */
function controlledSave() {
  const calls: { value: string; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const save = vi.fn(
    (value: string) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ value, resolve, reject });
      }),
  );
  return { save, calls };
}

function setup(maxWaitMs = 10_000) {
  let text = 'a';
  const { save, calls } = controlledSave();
  const statuses: SaveStatus['kind'][] = [];
  const saved: string[] = [];
  const saver = new Autosaver<string, string>({
    snapshot: () => text,
    save,
    onSaved: (stored) => saved.push(stored),
    onStatus: (s) => statuses.push(s.kind),
    delayMs: 1000,
    maxWaitMs,
  });
  const edit = (next: string) => {
    text = next;
    saver.change();
  };
  return { saver, save, calls, statuses, saved, edit };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Autosaver', () => {
  it('saves one second after the last change, not before', async () => {
    const { saver, save, calls, edit } = setup();
    edit('ab');
    expect(saver.status.kind).toBe('dirty');
    await vi.advanceTimersByTimeAsync(900);
    edit('abc');
    await vi.advanceTimersByTimeAsync(900);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    expect(calls[0]?.value).toBe('abc');
    expect(saver.status.kind).toBe('saving');
  });

  it('saves within maxWait of the first change while typing never pauses', async () => {
    const { save, calls, edit } = setup(700);
    // A keystroke every 200 ms: the quiet second never comes.
    let text = 'a';
    for (let i = 0; i < 3; i++) {
      text += 'b';
      edit(text);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(save).not.toHaveBeenCalled();
    edit(`${text}c`);
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    expect(calls[0]?.value).toBe('abbbc');
    calls[0]?.resolve('abbbc');
    // The next change starts its own clock: saved 700 ms later though typing goes on.
    for (let i = 0; i < 3; i++) {
      edit(`abbbc${'d'.repeat(i + 1)}`);
      await vi.advanceTimersByTimeAsync(250);
    }
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]?.value).toBe('abbbcddd');
  });

  it('reports Saved only after the save resolved', async () => {
    const { saver, calls, edit, statuses, saved } = setup();
    edit('x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saver.status.kind).toBe('saving');
    expect(statuses).not.toContain('saved');
    calls[0]?.resolve('stored-x');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status.kind).toBe('saved');
    expect(saved).toEqual(['stored-x']);
    expect(statuses).toEqual(['dirty', 'saving', 'saved']);
  });

  it('keeps at most one save in flight and saves the latest text after it', async () => {
    const { saver, save, calls, edit } = setup();
    edit('one');
    await vi.advanceTimersByTimeAsync(1000);
    edit('two');
    edit('three');
    await vi.advanceTimersByTimeAsync(1000);
    // The timer fired while "one" is still in flight: nothing new starts yet.
    expect(save).toHaveBeenCalledTimes(1);
    calls[0]?.resolve('one');
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]?.value).toBe('three');
    expect(saver.status.kind).toBe('saving');
    calls[1]?.resolve('three');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status.kind).toBe('saved');
  });

  it('a change during a save keeps the document dirty after that save', async () => {
    const { saver, save, calls, edit } = setup();
    edit('one');
    await vi.advanceTimersByTimeAsync(1000);
    edit('two');
    calls[0]?.resolve('one');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status.kind).toBe('dirty');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]?.value).toBe('two');
  });

  it('flush saves at once and resolves when stored', async () => {
    const { saver, save, calls, edit } = setup();
    edit('now');
    const done = saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
    let result: boolean | undefined;
    void done.then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBeUndefined();
    calls[0]?.resolve('now');
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBe(true);
    // The debounce timer was cancelled: no second save.
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('flush with nothing to save does not call save', async () => {
    const { saver, save } = setup();
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).not.toHaveBeenCalled();
    expect(saver.status.kind).toBe('saved');
  });

  it('flush while a save is in flight waits for it and then saves the newer text', async () => {
    const { saver, save, calls, edit } = setup();
    edit('first');
    void saver.flush();
    edit('second');
    let result: boolean | undefined;
    void saver.flush().then((r) => (result = r));
    expect(save).toHaveBeenCalledTimes(1);
    calls[0]?.resolve('first');
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1]?.value).toBe('second');
    expect(result).toBeUndefined();
    calls[1]?.resolve('second');
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toBe(true);
  });

  it('a failed save keeps the document dirty, reports the error, and retries', async () => {
    const { saver, save, calls, edit } = setup();
    edit('precious words');
    const first = saver.flush();
    calls[0]?.reject(new Error('the library is busy'));
    await expect(first).resolves.toBe(false);
    expect(saver.status).toEqual({ kind: 'error', message: 'the library is busy' });
    expect(saver.isDirty).toBe(true);
    // No automatic hammering of a failing store.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(1);
    const second = saver.retry();
    expect(calls[1]?.value).toBe('precious words');
    calls[1]?.resolve('precious words');
    await expect(second).resolves.toBe(true);
    expect(saver.status.kind).toBe('saved');
  });

  it('after a failure a new change schedules another save', async () => {
    const { saver, save, calls, edit } = setup();
    edit('a');
    void saver.flush();
    calls[0]?.reject('disk full');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toEqual({ kind: 'error', message: 'disk full' });
    edit('ab');
    // The error stays visible until a save succeeds.
    expect(saver.status.kind).toBe('error');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    calls[1]?.resolve('ab');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status.kind).toBe('saved');
  });

  it('dispose stops a pending timer', async () => {
    const { saver, save, edit } = setup();
    edit('bye');
    saver.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).not.toHaveBeenCalled();
  });
});
