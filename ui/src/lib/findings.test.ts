import { EditorState, Text } from '@codemirror/state';
import { EditorView, runScopeHandlers } from '@codemirror/view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Review } from './bindings';
import { CheckRunner, groupByKind, type CheckItem } from './checks';
import {
  applyCheckResult,
  findingsExtension,
  fixTransaction,
  fixesFor,
  placeFindings,
  placedFindings,
  textVersion,
  utf16ToPos,
} from './findings';
import { review as reviewFixture } from '../test/fixtures';

/** A finding for `text` at its first occurrence in `body`, with UTF-16 offsets as Rust sends them. */
function finding(body: string, text: string, extra: Partial<Finding> = {}): Finding {
  const start = body.indexOf(text);
  if (start < 0) throw new Error(`${text} not in ${body}`);
  return {
    kind: 'name',
    severity: 'error',
    code: 'name.near_miss',
    section_id: 's2',
    start,
    end: start + text.length,
    byte_start: 0,
    byte_end: 0,
    text,
    message: `“${text}” looks like a misspelling of a name`,
    suggestions: ['Defne'],
    ...extra,
  };
}

const views: EditorView[] = [];
afterEach(() => {
  views.splice(0).forEach((v) => v.destroy());
});

function editor(doc: string, onAddWord = vi.fn()): EditorView {
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({ doc, extensions: findingsExtension({ onAddWord }) }),
  });
  views.push(view);
  return view;
}

function key(view: EditorView, init: KeyboardEventInit): boolean {
  return runScopeHandlers(view, new KeyboardEvent('keydown', init), 'editor');
}

describe('UTF-16 offsets to CodeMirror positions', () => {
  it('keeps offsets in text without CRLF, astral characters included', () => {
    const body = '🎬 Defoe and Çiçek';
    // JavaScript strings, CodeMirror and the Rust side all count the clapper as two units.
    expect(utf16ToPos(body, body.indexOf('Defoe'))).toBe(3);
    const doc = Text.of([body]);
    const [placed] = placeFindings([finding(body, 'Defoe')], body, doc, null);
    expect(doc.sliceString(placed!.from, placed!.to)).toBe('Defoe');
    const [accented] = placeFindings([finding(body, 'Çiçek')], body, doc, null);
    expect(doc.sliceString(accented!.from, accented!.to)).toBe('Çiçek');
  });

  it('counts a CRLF as the one line break CodeMirror keeps', () => {
    const body = 'One\r\nTwo\r\nDefoe';
    expect(utf16ToPos(body, body.indexOf('Defoe'))).toBe(8);
    const doc = Text.of(['One', 'Two', 'Defoe']);
    const [placed] = placeFindings([finding(body, 'Defoe')], body, doc, null);
    expect(doc.sliceString(placed!.from, placed!.to)).toBe('Defoe');
  });

  it('counts only the CRLFs wholly before the offset, however many', () => {
    const body = 'a\r\nb\r\n\r\nc\nd\r\ne';
    // The naive rule, one break at a time: what each offset must map to.
    const naive = (offset: number) => {
      let pos = offset;
      for (let i = 0; i + 1 < offset; i += 1) if (body[i] === '\r' && body[i + 1] === '\n') pos -= 1;
      return pos;
    };
    for (let offset = 0; offset <= body.length; offset += 1) expect(utf16ToPos(body, offset)).toBe(naive(offset));
  });

  it('clamps offsets past the text', () => {
    expect(utf16ToPos('abc', 10)).toBe(3);
    expect(utf16ToPos('abc', -2)).toBe(0);
  });

  it('leaves out findings without a range, ignored ones, and ones that do not match the text', () => {
    const body = 'Defoe meets Defoe';
    const doc = Text.of([body]);
    const whole = { ...finding(body, 'Defoe'), start: 0, end: 0, text: '' };
    const wrong = { ...finding(body, 'Defoe'), text: 'Defne' };
    expect(placeFindings([whole, wrong], body, doc, null)).toEqual([]);
    const ignored = [{ from: 0, to: 5, code: 'name.near_miss' }];
    const second = { ...finding(body, 'Defoe'), start: 12, end: 17 };
    const placed = placeFindings([finding(body, 'Defoe'), second], body, doc, null, ignored);
    expect(placed.map((p) => p.from)).toEqual([12]);
  });
});

describe('findings in an editor', () => {
  it('maps an answer through the edits typed while it was on its way', () => {
    const body = 'As Defoe, Selin is superb.';
    const view = editor(body);
    const sent = textVersion(view.state);
    // The critic types at the start and inside another word before the answer comes back.
    view.dispatch({ changes: { from: 0, insert: 'Tonight. ' } });
    view.dispatch({ changes: { from: view.state.doc.toString().indexOf('superb'), insert: 'very ' } });
    const superb = finding(body, 'superb', { kind: 'spelling', code: 'spelling.unknown', suggestions: [] });
    const placed = applyCheckResult(view, [finding(body, 'Defoe'), superb], body, sent, 'a');
    expect(placed).not.toBeNull();
    const doc = view.state.doc.toString();
    expect(placedFindings(view.state).map((p) => doc.slice(p.from, p.to))).toEqual(['Defoe', 'superb']);
    // Words edited meanwhile are not underlined on the old answer's word.
    const sent2 = textVersion(view.state);
    const at = doc.indexOf('Defoe') + 2;
    view.dispatch({ changes: { from: at, to: at + 1, insert: 'x' } });
    applyCheckResult(view, [finding(doc, 'Defoe')], doc, sent2, 'b');
    expect(placedFindings(view.state)).toEqual([]);
  });

  it('keeps every other underline in place while typing drops only the finding typed into', () => {
    const words = Array.from({ length: 200 }, (_, i) => `Defoe${i}`);
    const body = words.join(' ');
    const view = editor(body);
    let at = 0;
    const findings = words.map((w) => {
      const start = at;
      at += w.length + 1;
      return { ...finding(body, 'Defoe0'), start, end: start + w.length, text: w };
    });
    applyCheckResult(view, findings, body, textVersion(view.state), 'a');
    expect(placedFindings(view.state)).toHaveLength(200);
    // Keys typed between two findings, at the start and at the end move them and drop none.
    const doc = () => view.state.doc.toString();
    view.dispatch({ changes: [{ from: 0, insert: 'So ' }] });
    // In the space between Defoe99 and Defoe100, then at the start of Defoe100 (its edge).
    view.dispatch({ changes: [{ from: doc().indexOf(' Defoe100 '), insert: ',' }] });
    view.dispatch({ changes: [{ from: doc().indexOf('Defoe100 '), insert: '(' }] });
    view.dispatch({ changes: [{ from: view.state.doc.length, insert: '.' }] });
    expect(placedFindings(view.state).map((p) => doc().slice(p.from, p.to))).toEqual(words);
    // A key inside Defoe150 drops that finding only; the panel hears of it.
    const inside = doc().indexOf('Defoe150 ') + 2;
    view.dispatch({ changes: { from: inside, insert: 'z' } });
    expect(placedFindings(view.state).map((p) => doc().slice(p.from, p.to))).toEqual(words.filter((w) => w !== 'Defoe150'));
    // Deleting a span that holds findings drops them with it.
    const from = doc().indexOf('Defoe10 ');
    view.dispatch({ changes: { from, to: doc().indexOf('Defoe13 ') } });
    expect(placedFindings(view.state).map((p) => p.finding.text)).not.toContain('Defoe11');
    expect(placedFindings(view.state).map((p) => doc().slice(p.from, p.to))).toContain('Defoe13');
  });

  it('underlines with the kind and severity as classes', () => {
    const body = 'As Defoe she shines.';
    const view = editor(body);
    applyCheckResult(view, [finding(body, 'Defoe')], body, textVersion(view.state), 'a');
    const mark = view.contentDOM.querySelector('.cm-finding');
    expect(mark?.textContent).toBe('Defoe');
    expect(mark?.classList.contains('cm-finding-name')).toBe(true);
    expect(mark?.classList.contains('cm-finding-error')).toBe(true);
  });

  it('offers the suggestions, the dictionary and ignoring, numbered in that order', () => {
    const fixes = fixesFor(finding('Defoe', 'Defoe', { suggestions: ['Defne', 'Defoe', 'Demir'] }));
    expect(fixes.map((f) => f.label)).toEqual([
      'Replace with “Defne”',
      'Replace with “Demir”',
      'Add “Defoe” to the dictionary',
      'Ignore here',
    ]);
    const repeat = fixesFor(finding('the the', 'the', { kind: 'repetition', suggestions: [] }));
    expect(repeat.map((f) => f.kind)).toEqual(['ignore']);
  });

  it('replaces with the suggestion, and ignores a finding until its words change', () => {
    const body = 'As Defoe she shines.';
    const view = editor(body);
    applyCheckResult(view, [finding(body, 'Defoe')], body, textVersion(view.state), 'a');
    const [placed] = placedFindings(view.state);
    view.dispatch(fixTransaction(placed!, { kind: 'replace', label: '', text: 'Defne' }));
    expect(view.state.doc.toString()).toBe('As Defne she shines.');
    expect(view.state.selection.main.head).toBe(8);
    expect(placedFindings(view.state)).toEqual([]);

    const other = editor(body);
    const v = textVersion(other.state);
    applyCheckResult(other, [finding(body, 'Defoe')], body, v, 'a');
    other.dispatch(fixTransaction(placedFindings(other.state)[0]!, { kind: 'ignore', label: '' }));
    expect(placedFindings(other.state)).toEqual([]);
    // The next check says the same: it stays ignored, also after typing elsewhere.
    other.dispatch({ changes: { from: 0, insert: 'Well. ' } });
    const now = other.state.doc.toString();
    applyCheckResult(other, [finding(now, 'Defoe')], now, textVersion(other.state), 'b');
    expect(placedFindings(other.state)).toEqual([]);
  });

  it('fixes from the keyboard: Alt+Enter opens the fixes, a number applies one', () => {
    const onAddWord = vi.fn();
    const body = 'As Defoe she shines, and Defoe again.';
    const view = editor(body, onAddWord);
    view.focus();
    applyCheckResult(view, [finding(body, 'Defoe')], body, textVersion(view.state), 'a');
    // Away from a finding the keys do what they always do.
    view.dispatch({ selection: { anchor: 0 } });
    expect(key(view, { key: 'Enter', altKey: true })).toBe(false);
    expect(key(view, { key: '1' })).toBe(false);
    view.dispatch({ selection: { anchor: 5 } });
    expect(key(view, { key: '1' })).toBe(false);
    expect(key(view, { key: 'Enter', altKey: true })).toBe(true);
    expect(key(view, { key: '1' })).toBe(true);
    expect(view.state.doc.toString()).toBe('As Defne she shines, and Defoe again.');

    const d = view.state.doc.toString();
    applyCheckResult(view, [finding(d, 'Defoe')], d, textVersion(view.state), 'b');
    view.dispatch({ selection: { anchor: d.indexOf('Defoe') + 1 } });
    expect(key(view, { key: '.', ctrlKey: true })).toBe(true);
    expect(key(view, { key: 'Escape' })).toBe(true);
    expect(key(view, { key: '2' })).toBe(false); // closed: the 2 is typed
    expect(key(view, { key: '.', ctrlKey: true })).toBe(true);
    expect(key(view, { key: '2' })).toBe(true); // "Add to the dictionary"
    expect(onAddWord).toHaveBeenCalledWith('Defoe');
    expect(placedFindings(view.state)).toEqual([]);
  });
});

describe('the check runner', () => {
  function deferred<T>() {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((res) => (resolve = res));
    return { promise, resolve };
  }

  it('drops an answer older than one already shown, and answers for another review', async () => {
    let open: Review = reviewFixture({
      sections: [{ id: 's2', title: 'Synopsis', role: 'body', body: 'As Defoe she shines.', word_target: null, spoiler: false }],
    });
    const answers = [deferred<Finding[]>(), deferred<Finding[]>(), deferred<Finding[]>()];
    let calls = 0;
    const updates: CheckItem[][] = [];
    const runner = new CheckRunner({
      check: () => answers[calls++]!.promise,
      snapshot: () => structuredClone(open),
      openId: () => open.id,
      lang: () => 'en_US',
      onUpdate: (items) => updates.push(items),
    });
    const view = editor(open.sections[0]!.body);
    runner.register('s2', view);
    const body = open.sections[0]!.body;
    const first = runner.run();
    const second = runner.run();
    const summary: Finding = { ...finding(body, 'Defoe'), kind: 'length', severity: 'info', code: 'length.summary', section_id: null, start: 0, end: 0, text: '' };
    answers[1]!.resolve([finding(body, 'Defoe'), summary]);
    await second;
    answers[0]!.resolve([]);
    await first;
    // The older, empty answer did not wipe the newer one.
    expect(placedFindings(view.state)).toHaveLength(1);
    expect(updates).toHaveLength(1);
    expect(groupByKind(updates[0]!).map((g) => [g.kind, g.items.length])).toEqual([
      ['name', 1],
      ['length', 1],
    ]);

    const third = runner.run();
    open = reviewFixture({ id: 'another' });
    answers[2]!.resolve([]);
    await third;
    expect(updates).toHaveLength(1);
    runner.dispose();
  });

  it('waits for a pause in typing before it checks', async () => {
    vi.useFakeTimers();
    try {
      const check = vi.fn(async () => [] as Finding[]);
      const open = reviewFixture();
      const runner = new CheckRunner({
        check,
        snapshot: () => open,
        openId: () => open.id,
        lang: () => 'en_GB',
        onUpdate: () => {},
        delayMs: 400,
      });
      for (let i = 0; i < 5; i++) {
        runner.schedule();
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(check).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(400);
      expect(check).toHaveBeenCalledTimes(1);
      expect(check).toHaveBeenCalledWith(open, 'en_GB');
      runner.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
