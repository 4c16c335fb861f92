import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { lineSeparatorFor } from './editor';

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
