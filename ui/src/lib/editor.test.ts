import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { lineSeparatorFor, wordDelta } from './editor';
import { countWords } from './words';

/** The text as a section editor created from `doc` hands it back (sliceDoc joins with the separator). */
function roundTrip(doc: string, typed = ''): string {
  const sep = lineSeparatorFor(doc);
  const state = EditorState.create({ doc, extensions: sep ? EditorState.lineSeparator.of(sep) : [] });
  return state.update({ changes: { from: state.doc.length, insert: typed } }).state.sliceDoc();
}

describe('section text line breaks', () => {
  it('keeps CRLF text byte for byte', () => {
    const text = 'First line\r\nSecond line\r\n\r\nA new paragraph';
    expect(lineSeparatorFor(text)).toBe('\r\n');
    expect(roundTrip(text, '!')).toBe(`${text}!`);
  });

  it('keeps LF text and uses the default separator', () => {
    const text = 'One\nTwo\n\nThree';
    expect(lineSeparatorFor(text)).toBeUndefined();
    expect(roundTrip(text, '.')).toBe(`${text}.`);
  });

  it('uses the default for mixed or bare-CR text', () => {
    expect(lineSeparatorFor('a\r\nb\nc')).toBeUndefined();
    expect(lineSeparatorFor('a\rb')).toBeUndefined();
    expect(lineSeparatorFor('no breaks')).toBeUndefined();
  });
});

describe('word counts kept through edits', () => {
  /** Applies `spec` to `doc` and checks the kept count against a full recount. */
  function check(doc: string, spec: { from: number; to?: number; insert?: string }[], sep?: string) {
    const state = EditorState.create({ doc, extensions: sep ? EditorState.lineSeparator.of(sep) : [] });
    const tr = state.update({ changes: spec });
    const kept = countWords(doc) + wordDelta(state.doc, tr.changes, tr.state.doc);
    expect(kept).toBe(countWords(tr.state.sliceDoc()));
  }

  it('follows typing, joining and splitting words, and line breaks', () => {
    const doc = "A well-made film.\nIt doesn't move, 1,200 frames\n\nlater.";
    check(doc, [{ from: 6, insert: ' ' }]); // "well -made": splits
    check(doc, [{ from: 6, to: 7 }]); // "wellmade": one word
    check(doc, [{ from: 17, to: 18 }]); // the line break goes: "film.It" joins
    check(doc, [{ from: 2, insert: '\n' }]);
    check(doc, [{ from: doc.length, insert: ' more words here' }]);
    check(doc, [{ from: 0, to: doc.length, insert: 'all new' }]);
    check(doc, [{ from: 0, insert: 'x' }, { from: 30, to: 35, insert: 'and two more' }]);
    check('', [{ from: 0, insert: 'first words' }]);
    check('one\r\ntwo', [{ from: 3, to: 5 }], '\r\n');
  });

  it('matches a full recount over random edits', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['word', ' ', '-', "'", '.', ',', '\n', 'Çiçek', '12', '\n\n', 'e\u0301'];
    let doc = 'Start of a section.\nSecond line, with-joins and 3.5 numbers.';
    for (let i = 0; i < 300; i++) {
      const from = rand(doc.length + 1);
      const to = Math.min(doc.length, from + rand(4));
      const insert = Array.from({ length: rand(3) }, () => pieces[rand(pieces.length)]).join('');
      const state = EditorState.create({ doc });
      const tr = state.update({ changes: { from, to, insert } });
      const kept = countWords(doc) + wordDelta(state.doc, tr.changes, tr.state.doc);
      doc = tr.state.sliceDoc();
      expect(kept).toBe(countWords(doc));
    }
  });
});
