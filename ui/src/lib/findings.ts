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
  return positionsIn(text)(offset);
}

/**
 * `utf16ToPos` for many offsets into one text: the "\r\n" breaks are found once, then each
 * offset costs a binary search (a check of a long section places thousands of findings, and a
 * scan of the text for each was most of the time it took to show them).
 */
function positionsIn(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) breaks.push(i);
  return (offset) => {
    const end = Math.max(0, Math.min(offset, text.length));
    // The breaks whose "\r" and "\n" both lie before `end` (i + 1 < end).
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! + 1 < end) lo = mid + 1;
      else hi = mid;
    }
    return end - lo;
  };
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
  const toPos = positionsIn(sent);
  findings.forEach((finding, index) => {
    if (finding.end <= finding.start) return;
    let range: { from: number; to: number } | null = {
      from: toPos(finding.start),
      to: toPos(finding.end),
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
  /**
   * One mark per placed finding, carrying it in its spec (`PlacedSpec`). The positions live only
   * here: a keystroke maps the set (a tree, so the cost grows with the log of the findings, not
   * with their number; a long section may hold thousands) instead of every finding's range.
   */
  deco: DecorationSet;
  ignored: Ignored[];
  /**
   * Bumped when findings come or go (a result, an edit inside one, a fix), not when typing only
   * moves them: the checks panel lists findings, not positions, so it follows this.
   */
  version: number;
}

interface PlacedSpec {
  id: string;
  finding: Finding;
}

function decorations(placed: readonly Placed[]): DecorationSet {
  return Decoration.set(
    placed.map((p) =>
      Decoration.mark({
        class: `cm-finding cm-finding-${p.finding.kind} cm-finding-${p.finding.severity}`,
        attributes: { 'data-finding-kind': p.finding.kind, 'data-finding-code': p.finding.code },
        placed: { id: p.id, finding: p.finding } satisfies PlacedSpec,
      }).range(p.from, p.to),
    ),
    true,
  );
}

function placedOf(from: number, to: number, deco: Decoration): Placed {
  const { id, finding } = deco.spec.placed as PlacedSpec;
  return { id, finding, from, to };
}

/** Each set's findings, listed once (the panel and F8 ask for them again and again). */
const listed = new WeakMap<DecorationSet, Placed[]>();

/** The placed findings in a set, in text order. */
function allPlaced(deco: DecorationSet): Placed[] {
  let placed = listed.get(deco);
  if (!placed) {
    placed = [];
    for (const cursor = deco.iter(); cursor.value; cursor.next()) placed.push(placedOf(cursor.from, cursor.to, cursor.value));
    listed.set(deco, placed);
  }
  return placed;
}

/** Keeps the findings `keep` accepts (positions as they are in `deco`'s document). */
function filterPlaced(deco: DecorationSet, keep: (p: Placed) => boolean): DecorationSet {
  return deco.update({ filter: (from, to, value) => keep(placedOf(from, to, value)) });
}

/**
 * Maps the underlines through an edit. A finding whose words the edit touched is dropped (as
 * `mapRange` does): the changed ranges are looked up in the set, so only the findings near the
 * edit are visited.
 */
function mapPlaced(deco: DecorationSet, changes: ChangeSet): { deco: DecorationSet; dropped: boolean } {
  const touched = new Set<string>();
  changes.iterChangedRanges((fromA, toA) => {
    deco.between(fromA, toA, (from, to, value) => {
      const inside = fromA === toA ? fromA > from && fromA < to : fromA < to && toA > from;
      if (inside) touched.add((value.spec.placed as PlacedSpec).id);
    });
  });
  // Mark decorations map exactly as mapRange does (not inclusive at either end).
  const mapped = deco.map(changes);
  if (touched.size === 0) return { deco: mapped, dropped: false };
  return {
    deco: mapped.update({ filter: (_from, _to, value) => !touched.has((value.spec.placed as PlacedSpec).id) }),
    dropped: true,
  };
}

const findingState = StateField.define<FindingState>({
  create: () => ({ ignored: [], deco: Decoration.none, version: 0 }),
  update(value, tr) {
    let { deco, ignored } = value;
    let changed = false;
    if (tr.docChanged) {
      if (deco.size > 0) {
        const mapped = mapPlaced(deco, tr.changes);
        deco = mapped.deco;
        changed = mapped.dropped;
      }
      if (ignored.length > 0) {
        ignored = ignored.flatMap((item) => {
          const range = mapRange(tr.changes, item.from, item.to);
          return range ? [{ ...item, ...range }] : [];
        });
      }
    }
    for (const effect of tr.effects) {
      if (effect.is(setPlaced)) {
        deco = decorations(effect.value);
        changed = true;
      } else if (effect.is(ignoreEffect)) {
        const i = effect.value;
        ignored = [...ignored, i];
        deco = filterPlaced(deco, (p) => !(p.from === i.from && p.to === i.to && p.finding.code === i.code));
        changed = true;
      } else if (effect.is(dropWord)) {
        const word = effect.value;
        deco = filterPlaced(deco, (p) => !((p.finding.kind === 'spelling' || p.finding.kind === 'name') && p.finding.text === word));
        changed = true;
      }
    }
    if (deco === value.deco && ignored === value.ignored && !changed) return value;
    return { deco, ignored, version: changed ? value.version + 1 : value.version };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.deco),
});

/** The findings underlined in the editor now, in text order. */
export function placedFindings(state: EditorState): Placed[] {
  const field = state.field(findingState, false);
  return field ? [...allPlaced(field.deco)] : [];
}

/** The ranges the critic ignored in this editor. */
export function ignoredRanges(state: EditorState): Ignored[] {
  return state.field(findingState, false)?.ignored ?? [];
}

/** The first finding (in text order) that holds [from, to]. */
function placedAround(state: EditorState, from: number, to: number): Placed | undefined {
  let found: Placed | undefined;
  state.field(findingState, false)?.deco.between(from, to, (start, end, value) => {
    if (start <= from && to <= end) {
      found = placedOf(start, end, value);
      return false;
    }
    return undefined;
  });
  return found;
}

/** The placed finding with this id. */
function placedById(state: EditorState, id: string): Placed | undefined {
  const field = state.field(findingState, false);
  return field ? allPlaced(field.deco).find((p) => p.id === id) : undefined;
}

/** The finding the caret (or an empty selection's head) is in. */
export function findingAt(state: EditorState, pos: number): Placed | undefined {
  return placedAround(state, pos, pos);
}

/** The finding the selection lies in (a caret, or a selection within it, as after a jump). */
function activeFinding(state: EditorState): Placed | undefined {
  const { main } = state.selection;
  return placedAround(state, main.from, main.to);
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
      const current = placedById(view.state, placed.id);
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
  const placed = placedById(view.state, id);
  if (!placed) return false;
  view.focus();
  view.dispatch({ selection: EditorSelection.range(placed.from, placed.to), scrollIntoView: true });
  return true;
}
