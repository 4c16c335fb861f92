// Editorial findings inside a CodeMirror section editor: underlines, a tooltip on hover and at
// the caret, and the one-key fixes. The checks themselves run in Rust (check_review); this
// module only places their results in the text the critic is looking at.
//
// A check answers for the text as it was when it was sent, while the critic has typed on. Each
// editor therefore keeps a short log of its changes by version; a result is mapped through the
// changes made since its version, and a finding whose words were edited meanwhile is dropped
// (the next check, a moment later, speaks for the new text).
//
// Keys, with the caret in an underlined word: Alt+Enter or Ctrl+. opens the fixes; 1–9 (or
// Enter for the first) applies one; Escape closes them.

import {
  type ChangeSet,
  EditorSelection,
  type EditorState,
  type Extension,
  Prec,
  StateEffect,
  StateField,
  type Text,
  type TransactionSpec,
} from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  type Tooltip,
  hoverTooltip,
  keymap,
  showTooltip,
} from '@codemirror/view';
import type { Finding } from './bindings';

/** A finding placed in the editor's current text. */
export interface Placed {
  /** Unique in the editor: the panel uses it to find the finding again. */
  id: string;
  finding: Finding;
  from: number;
  to: number;
}

export type Fix =
  | { kind: 'replace'; label: string; text: string }
  | { kind: 'add'; label: string; word: string }
  | { kind: 'ignore'; label: string };

/** At most this many replacements are offered as numbered fixes. */
const MAX_REPLACEMENTS = 3;
/** Versions kept in the change log; an older result is dropped rather than mapped. */
const LOG_LIMIT = 400;

/**
 * The CodeMirror position of a UTF-16 offset into `text` (the string that was checked).
 * CodeMirror keeps "\r\n" as one line break, so each one before the offset shifts it by one.
 */
export function utf16ToPos(text: string, offset: number): number {
  const end = Math.max(0, Math.min(offset, text.length));
  let pos = end;
  for (let i = text.indexOf('\r\n'); i !== -1 && i + 1 < end; i = text.indexOf('\r\n', i + 2)) pos -= 1;
  return pos;
}

/** The fixes offered for a finding, in the order of their number keys. */
export function fixesFor(finding: Finding): Fix[] {
  const fixes: Fix[] = finding.suggestions
    .filter((s) => s !== finding.text)
    .slice(0, MAX_REPLACEMENTS)
    .map((text) => ({ kind: 'replace', label: `Replace with “${text}”`, text }));
  if (finding.kind === 'spelling' || finding.kind === 'name') {
    fixes.push({ kind: 'add', label: `Add “${finding.text}” to the dictionary`, word: finding.text });
  }
  fixes.push({ kind: 'ignore', label: 'Ignore here' });
  return fixes;
}

/** Whether a change overlaps the inside of [from, to) (typing at either edge does not). */
function touchesInside(changes: ChangeSet, from: number, to: number): boolean {
  let touched = false;
  changes.iterChangedRanges((fromA, toA) => {
    if (fromA < to && toA > from) touched = true;
    else if (fromA === toA && fromA > from && fromA < to) touched = true;
  });
  return touched;
}

/** Maps a range through changes; null when its words were edited. */
function mapRange(changes: ChangeSet, from: number, to: number): { from: number; to: number } | null {
  if (touchesInside(changes, from, to)) return null;
  const mappedFrom = changes.mapPos(from, 1);
  const mappedTo = changes.mapPos(to, -1);
  return mappedTo > mappedFrom ? { from: mappedFrom, to: mappedTo } : null;
}

/**
 * Places a section's findings, computed for `sent`, in `doc` after `changes` (made since `sent`;
 * null when none). Findings without a range, whose words changed, or that no longer match the
 * text are left out; so are ranges the critic chose to ignore.
 */
export function placeFindings(
  findings: readonly Finding[],
  sent: string,
  doc: Text,
  changes: ChangeSet | null,
  ignored: readonly Ignored[] = [],
  idPrefix = 'f',
): Placed[] {
  const placed: Placed[] = [];
  findings.forEach((finding, index) => {
    if (finding.end <= finding.start) return;
    let range: { from: number; to: number } | null = {
      from: utf16ToPos(sent, finding.start),
      to: utf16ToPos(sent, finding.end),
    };
    if (changes) range = mapRange(changes, range.from, range.to);
    if (!range || range.to > doc.length) return;
    // A result for other text than the log says (it should not happen) must not underline
    // the wrong words.
    if (doc.sliceString(range.from, range.to) !== finding.text.replace(/\r\n/g, '\n')) return;
    const { from, to } = range;
    if (ignored.some((i) => i.from === from && i.to === to && i.code === finding.code)) return;
    placed.push({ id: `${idPrefix}${index}`, finding, from, to });
  });
  return placed;
}

// State -------------------------------------------------------------------------------------

/** A range the critic said to ignore, with the rule it was ignored for. */
export interface Ignored {
  from: number;
  to: number;
  code: string;
}

interface ChangeLog {
  version: number;
  /** The changes that made each version, oldest first. */
  entries: { version: number; changes: ChangeSet }[];
}

const changeLog = StateField.define<ChangeLog>({
  create: () => ({ version: 0, entries: [] }),
  update(log, tr) {
    if (!tr.docChanged) return log;
    const version = log.version + 1;
    const entries = [...log.entries, { version, changes: tr.changes }];
    return { version, entries: entries.length > LOG_LIMIT ? entries.slice(-LOG_LIMIT) : entries };
  },
});

/** The version of the editor's text now: send it with a check, give it back with the result. */
export function textVersion(state: EditorState): number {
  return state.field(changeLog, false)?.version ?? 0;
}

/**
 * The changes made since `version`: null when there were none, undefined when the log no
 * longer reaches back that far.
 */
export function changesSince(state: EditorState, version: number): ChangeSet | null | undefined {
  const log = state.field(changeLog);
  if (version === log.version) return null;
  const after = log.entries.filter((e) => e.version > version);
  if (after.length === 0 || after[0]!.version !== version + 1) return undefined;
  return after.slice(1).reduce((all, e) => all.compose(e.changes), after[0]!.changes);
}

const setPlaced = StateEffect.define<Placed[]>();
const ignoreEffect = StateEffect.define<Ignored>();
const dropWord = StateEffect.define<string>();
const menuEffect = StateEffect.define<boolean>();
const focusEffect = StateEffect.define<boolean>();

interface FindingState {
  placed: Placed[];
  ignored: Ignored[];
  deco: DecorationSet;
  /**
   * Bumped when findings come or go (a result, an edit inside one, a fix), not when typing only
   * moves them: the checks panel lists findings, not positions, so it follows this.
   */
  version: number;
}

function decorations(placed: Placed[]): DecorationSet {
  const sorted = [...placed].sort((a, b) => a.from - b.from || a.to - b.to);
  return Decoration.set(
    sorted.map((p) =>
      Decoration.mark({
        class: `cm-finding cm-finding-${p.finding.kind} cm-finding-${p.finding.severity}`,
        attributes: { 'data-finding-kind': p.finding.kind, 'data-finding-code': p.finding.code },
      }).range(p.from, p.to),
    ),
  );
}

const findingState = StateField.define<FindingState>({
  create: () => ({ placed: [], ignored: [], deco: Decoration.none, version: 0 }),
  update(value, tr) {
    let { placed, ignored } = value;
    let changed = false;
    // Only moved: the underlines are mapped, not rebuilt (a long section may hold hundreds).
    let moved = false;
    if (tr.docChanged && (placed.length > 0 || ignored.length > 0)) {
      const map = <T extends { from: number; to: number }>(items: T[]): T[] =>
        items.flatMap((item) => {
          const range = mapRange(tr.changes, item.from, item.to);
          return range ? [{ ...item, ...range }] : [];
        });
      const before = placed.length;
      placed = map(placed);
      ignored = map(ignored);
      if (placed.length === before) moved = true;
      else changed = true;
    }
    for (const effect of tr.effects) {
      if (effect.is(setPlaced)) {
        placed = effect.value;
        changed = true;
      } else if (effect.is(ignoreEffect)) {
        const i = effect.value;
        ignored = [...ignored, i];
        placed = placed.filter((p) => !(p.from === i.from && p.to === i.to && p.finding.code === i.code));
        changed = true;
      } else if (effect.is(dropWord)) {
        const word = effect.value;
        placed = placed.filter((p) => !((p.finding.kind === 'spelling' || p.finding.kind === 'name') && p.finding.text === word));
        changed = true;
      }
    }
    if (changed) return { placed, ignored, deco: decorations(placed), version: value.version + 1 };
    // Mark decorations map exactly as mapRange does (not inclusive at either end).
    if (moved) return { placed, ignored, deco: value.deco.map(tr.changes), version: value.version };
    return value;
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.deco),
});

/** The findings underlined in the editor now, in text order. */
export function placedFindings(state: EditorState): Placed[] {
  return [...(state.field(findingState, false)?.placed ?? [])].sort((a, b) => a.from - b.from);
}

/** The ranges the critic ignored in this editor. */
export function ignoredRanges(state: EditorState): Ignored[] {
  return state.field(findingState, false)?.ignored ?? [];
}

/** The finding the caret (or an empty selection's head) is in. */
export function findingAt(state: EditorState, pos: number): Placed | undefined {
  return state.field(findingState, false)?.placed.find((p) => p.from <= pos && pos <= p.to);
}

/** The finding the selection lies in (a caret, or a selection within it, as after a jump). */
function activeFinding(state: EditorState): Placed | undefined {
  const { main } = state.selection;
  return state.field(findingState, false)?.placed.find((p) => p.from <= main.from && main.to <= p.to);
}

/** Whether the fix menu is open (the number keys apply fixes). */
const menuOpen = StateField.define<boolean>({
  create: () => false,
  update(open, tr) {
    for (const effect of tr.effects) if (effect.is(menuEffect)) return effect.value;
    if (!open) return false;
    // The menu belongs to the finding it was opened on.
    if (tr.docChanged || !activeFinding(tr.state)) return false;
    return open;
  },
});

const hasFocus = StateField.define<boolean>({
  create: () => false,
  update(focused, tr) {
    for (const effect of tr.effects) if (effect.is(focusEffect)) return effect.value;
    return focused;
  },
});

/** Replaces the editor's findings with a check's result, placed in the current text. */
export function applyCheckResult(
  view: EditorView,
  findings: readonly Finding[],
  sent: string,
  version: number,
  idPrefix: string,
): Placed[] | null {
  const changes = changesSince(view.state, version);
  if (changes === undefined) return null;
  const placed = placeFindings(findings, sent, view.state.doc, changes, ignoredRanges(view.state), idPrefix);
  view.dispatch({ effects: setPlaced.of(placed) });
  return placed;
}

/** The transaction that applies `fix` to `placed` (the caret ends after a replacement). */
export function fixTransaction(placed: Placed, fix: Fix): TransactionSpec {
  const close = menuEffect.of(false);
  switch (fix.kind) {
    case 'replace':
      return {
        changes: { from: placed.from, to: placed.to, insert: fix.text },
        selection: EditorSelection.cursor(placed.from + fix.text.length),
        effects: close,
        userEvent: 'input.fix',
        scrollIntoView: true,
      };
    case 'add':
      return { effects: [dropWord.of(fix.word), close] };
    case 'ignore':
      return { effects: [ignoreEffect.of({ from: placed.from, to: placed.to, code: placed.finding.code }), close] };
  }
}

export interface FindingsConfig {
  /** The critic added a word to the personal dictionary from a fix. */
  onAddWord: (word: string) => void;
  /** The underlined findings changed (a new result, an edit, a fix). */
  onChange?: () => void;
}

function applyFix(view: EditorView, placed: Placed, fix: Fix, config: FindingsConfig): void {
  view.dispatch(fixTransaction(placed, fix));
  if (fix.kind === 'add') config.onAddWord(fix.word);
}

const KIND_LABEL: Record<Finding['kind'], string> = {
  name: 'Name',
  spelling: 'Spelling',
  repetition: 'Repetition',
  length: 'Length',
  spoiler: 'Spoiler',
  readiness: 'Readiness',
};

function tooltipDom(view: EditorView, placed: Placed, open: boolean, config: FindingsConfig): HTMLElement {
  const dom = document.createElement('div');
  dom.className = `cm-finding-tip cm-finding-tip-${placed.finding.severity}`;
  dom.dataset.testid = 'finding-tooltip';
  const message = document.createElement('p');
  message.className = 'cm-finding-message';
  const kind = document.createElement('strong');
  kind.textContent = `${KIND_LABEL[placed.finding.kind]}: `;
  message.append(kind, placed.finding.message);
  // Read out when the caret lands in a finding, without taking the focus from the text.
  message.setAttribute('role', 'status');
  dom.append(message);
  const list = document.createElement('ol');
  list.className = 'cm-finding-fixes';
  list.setAttribute('aria-label', 'Fixes');
  fixesFor(placed.finding).forEach((fix, index) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `cm-finding-fix cm-finding-fix-${fix.kind}`;
    button.dataset.testid = 'finding-fix';
    const key = document.createElement('kbd');
    key.textContent = String(index + 1);
    key.setAttribute('aria-hidden', 'true');
    button.append(key, fix.label);
    // Keep the caret in the text: the editor keeps the focus through a click.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => {
      const current = view.state.field(findingState).placed.find((p) => p.id === placed.id);
      if (current) applyFix(view, current, fix, config);
    });
    item.append(button);
    list.append(item);
  });
  dom.append(list);
  const hint = document.createElement('p');
  hint.className = 'cm-finding-hint';
  hint.textContent = open ? 'Press a number, or Escape' : 'Alt+Enter or Ctrl+. to fix with the keyboard';
  dom.append(hint);
  return dom;
}

function cursorTooltip(config: FindingsConfig): Extension {
  interface Shown {
    key: string;
    tooltip: Tooltip | null;
  }
  const tooltipFor = (state: EditorState): Shown => {
    const placed = state.field(hasFocus) ? activeFinding(state) : undefined;
    if (!placed) return { key: '', tooltip: null };
    const open = state.field(menuOpen);
    return {
      key: `${placed.id}:${placed.from}:${placed.to}:${open}`,
      tooltip: {
        pos: placed.from,
        end: placed.to,
        above: false,
        // Not clipped to the editor's box less its scroll margins (the app's header bar): in a
        // section of a line or two that box is empty, and CodeMirror would hide the tooltip.
        // `clip` belongs to the Tooltip, not to the view `create` returns.
        clip: false,
        create: (view) => ({ dom: tooltipDom(view, placed, open, config) }),
      },
    };
  };
  // A field rather than a computed facet, so the tooltip is rebuilt only when it shows another
  // finding or the menu opens, not on every keystroke.
  return StateField.define<Shown>({
    create: tooltipFor,
    update(shown, tr) {
      const next = tooltipFor(tr.state);
      return next.key === shown.key ? shown : next;
    },
    provide: (f) => showTooltip.from(f, (v) => v.tooltip),
  });
}

function hover(config: FindingsConfig): Extension {
  return hoverTooltip((view, pos) => {
    const placed = findingAt(view.state, pos);
    if (!placed) return null;
    // The caret's tooltip already shows this finding.
    const atCaret = view.state.field(hasFocus) && activeFinding(view.state)?.id === placed.id;
    if (atCaret) return null;
    return {
      pos: placed.from,
      end: placed.to,
      above: true,
      clip: false,
      create: (v) => ({ dom: tooltipDom(v, placed, false, config) }),
    };
  });
}

function keys(config: FindingsConfig): Extension {
  const openMenu = (view: EditorView): boolean => {
    if (!activeFinding(view.state)) return false;
    view.dispatch({ effects: menuEffect.of(true) });
    return true;
  };
  const pick = (index: number) => (view: EditorView): boolean => {
    if (!view.state.field(menuOpen)) return false;
    const placed = activeFinding(view.state);
    const fix = placed ? fixesFor(placed.finding)[index] : undefined;
    if (!placed || !fix) return true; // A number with no fix does nothing while the menu is open.
    applyFix(view, placed, fix, config);
    return true;
  };
  return Prec.high(
    keymap.of([
      { key: 'Alt-Enter', run: openMenu },
      { key: 'Mod-.', run: openMenu },
      {
        key: 'Escape',
        run: (view) => {
          if (!view.state.field(menuOpen)) return false;
          view.dispatch({ effects: menuEffect.of(false) });
          return true;
        },
      },
      { key: 'Enter', run: pick(0) },
      ...Array.from({ length: 9 }, (_, i) => ({ key: String(i + 1), run: pick(i) })),
    ]),
  );
}

const findingTheme = EditorView.baseTheme({
  '.cm-finding': {
    textDecorationLine: 'underline',
    textDecorationThickness: '2px',
    textUnderlineOffset: '4px',
    textDecorationSkipInk: 'none',
    textDecorationStyle: 'dashed',
  },
  '.cm-finding-error': { textDecorationColor: 'var(--danger)' },
  '.cm-finding-warning': { textDecorationColor: 'var(--warn)' },
  '.cm-finding-info': { textDecorationColor: 'var(--accent)' },
  // Style tells the kind apart for those who do not see the colours: wavy for spelling,
  // double for names, dotted for repetition.
  '.cm-finding-spelling': { textDecorationStyle: 'wavy', textDecorationThickness: '1.5px' },
  '.cm-finding-name': { textDecorationStyle: 'double', textDecorationThickness: '3px' },
  '.cm-finding-repetition': { textDecorationStyle: 'dotted', textDecorationThickness: '3px' },
  '.cm-tooltip.cm-tooltip-hover, .cm-tooltip.cm-finding-tip': {
    border: '1px solid var(--line-strong)',
    borderRadius: 'var(--radius)',
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--text)',
    boxShadow: 'var(--shadow)',
  },
  '.cm-finding-tip': {
    maxWidth: '24rem',
    padding: '0.5rem 0.6rem',
    fontFamily: 'var(--font-ui)',
    fontSize: '0.85rem',
    lineHeight: '1.45',
  },
  '.cm-finding-tip-error': { borderLeft: '3px solid var(--danger)' },
  '.cm-finding-tip-warning': { borderLeft: '3px solid var(--warn)' },
  '.cm-finding-tip-info': { borderLeft: '3px solid var(--accent)' },
  '.cm-finding-message': { margin: '0 0 0.35rem' },
  '.cm-finding-fixes': { listStyle: 'none', margin: '0', padding: '0' },
  '.cm-finding-fix': {
    display: 'flex',
    alignItems: 'center',
    gap: '0.5rem',
    width: '100%',
    padding: '0.2rem 0.35rem',
    border: '0',
    borderRadius: '4px',
    background: 'transparent',
    color: 'var(--text)',
    font: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
  },
  '.cm-finding-fix:hover, .cm-finding-fix:focus-visible': { backgroundColor: 'var(--bg-hover)' },
  '.cm-finding-fix kbd': {
    minWidth: '1.2rem',
    padding: '0 0.25rem',
    border: '1px solid var(--line-strong)',
    borderRadius: '3px',
    fontFamily: 'var(--font-editor)',
    fontSize: '0.75rem',
    textAlign: 'center',
    color: 'var(--text-muted)',
  },
  '.cm-finding-hint': { margin: '0.35rem 0 0', color: 'var(--text-faint)', fontSize: '0.75rem' },
});

/** Underlines, tooltips and fixes for check findings, in one section editor. */
export function findingsExtension(config: FindingsConfig): Extension {
  return [
    changeLog,
    findingState,
    menuOpen,
    hasFocus,
    EditorView.focusChangeEffect.of((_state, focusing) => focusEffect.of(focusing)),
    EditorView.updateListener.of((update) => {
      if (update.startState.field(findingState).version !== update.state.field(findingState).version) config.onChange?.();
    }),
    cursorTooltip(config),
    hover(config),
    keys(config),
    findingTheme,
  ];
}

/** Selects a placed finding and scrolls it into view (the checks panel's jump). */
export function revealFinding(view: EditorView, id: string): boolean {
  const placed = view.state.field(findingState, false)?.placed.find((p) => p.id === id);
  if (!placed) return false;
  view.focus();
  view.dispatch({ selection: EditorSelection.range(placed.from, placed.to), scrollIntoView: true });
  return true;
}
