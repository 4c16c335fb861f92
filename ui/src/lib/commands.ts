// The command registry: every action the critic can take from the keyboard, in one list. The
// palette (Ctrl+K) runs them by name, the help overlay (Ctrl+/) lists their shortcuts, and the
// window's keydown handler dispatches the shortcuts here, so a feature registers its action once
// and gets all three. Plain TS (no runes): the palette and the overlay read the list when they
// open, and `enabled()` is asked at that moment.
//
//   onMount(() => commands.register({ id: 'export.open', title: 'Export…', shortcut: 'Ctrl+E',
//                                     keywords: ['html', 'markdown'], run: () => …,
//                                     enabled: () => desk.review !== null }));
//
// `register` returns the function that removes the command, which is what onMount wants back.

export interface Command {
  /** Stable, dotted: `review.new`, `export.open`. Registering an id again replaces the command. */
  id: string;
  /** What the palette and the help overlay show: an imperative, "New review". */
  title: string;
  /**
   * The key, as a label and as the binding: modifiers then a key, joined with "+":
   * `Ctrl+N`, `Ctrl+Shift+S`, `Ctrl+/`. Ctrl also matches ⌘ on a Mac. Absent: palette only.
   */
  shortcut?: string;
  /** More words the palette matches on ("preferences" finds Settings). */
  keywords?: string[];
  /** Groups the help overlay: "Reviews", "Panels", "App"… Default "General". */
  group?: string;
  run: () => void | Promise<void>;
  /** False hides the command from the palette and makes its shortcut do nothing. Default true. */
  enabled?: () => boolean;
}

interface Chord {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

/** Parses `Ctrl+Shift+S` into a chord; throws on a label it cannot bind, so typos show up early. */
export function parseShortcut(label: string): Chord {
  // "Ctrl++" would be the plus key; split keeps the last part even when it is empty.
  const parts = label.split('+');
  let key = parts.pop() ?? '';
  if (key === '' && parts.at(-1) === '') {
    parts.pop();
    key = '+';
  }
  const chord: Chord = { ctrl: false, shift: false, alt: false, key: key.toLowerCase() };
  for (const part of parts) {
    const modifier = part.toLowerCase();
    if (modifier === 'ctrl' || modifier === 'cmd' || modifier === 'mod') chord.ctrl = true;
    else if (modifier === 'shift') chord.shift = true;
    else if (modifier === 'alt') chord.alt = true;
    else throw new Error(`unknown modifier "${part}" in shortcut "${label}"`);
  }
  if (chord.key === '') throw new Error(`no key in shortcut "${label}"`);
  return chord;
}

/** Whether a keydown is this chord. Letters compare case-insensitively (Shift makes "S"). */
export function matches(chord: Chord, event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) === chord.ctrl &&
    event.shiftKey === chord.shift &&
    event.altKey === chord.alt &&
    event.key.toLowerCase() === chord.key
  );
}

export function isEnabled(command: Command): boolean {
  try {
    return command.enabled ? command.enabled() : true;
  } catch {
    return false;
  }
}

export class CommandRegistry {
  private commands = new Map<string, { command: Command; chord: Chord | null }>();

  /** Adds (or replaces) a command; returns the function that removes this registration. */
  register(command: Command): () => void {
    const entry = { command, chord: command.shortcut ? parseShortcut(command.shortcut) : null };
    this.commands.set(command.id, entry);
    return () => {
      // A later registration under the same id is not removed by an earlier one's cleanup.
      if (this.commands.get(command.id) === entry) this.commands.delete(command.id);
    };
  }

  /** Every registered command, in registration order. */
  all(): Command[] {
    return [...this.commands.values()].map((e) => e.command);
  }

  /** The commands that can run now. */
  available(): Command[] {
    return this.all().filter(isEnabled);
  }

  get(id: string): Command | undefined {
    return this.commands.get(id)?.command;
  }

  /** Runs a command by id if it is enabled; false when it is missing or disabled. */
  run(id: string): boolean {
    const command = this.get(id);
    if (!command || !isEnabled(command)) return false;
    void command.run();
    return true;
  }

  /**
   * Runs the enabled command bound to this keydown, if any, and prevents the browser's own action
   * (also when the bound commands are all disabled now: Ctrl+N must not open a browser window).
   * True when the key was taken. The app listens in the capture phase, so a registered shortcut
   * wins over an editor's own binding of the same key.
   */
  handleKey(event: KeyboardEvent): boolean {
    if (event.isComposing) return false;
    let bound = false;
    for (const { command, chord } of this.commands.values()) {
      if (!chord || !matches(chord, event)) continue;
      bound = true;
      if (!isEnabled(command)) continue;
      event.preventDefault();
      void command.run();
      return true;
    }
    if (bound) event.preventDefault();
    return bound;
  }
}

/** The app's registry. Components register in onMount and return what `register` returns. */
export const commands = new CommandRegistry();
