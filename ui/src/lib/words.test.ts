import { describe, expect, it } from 'vitest';
import cases from '../../../src-tauri/core/fixtures/word-counts.json';
import { WordCounts, countWords, readingMinutes } from './words';

describe('countWords agrees with the Rust rule', () => {
  it('has the shared fixture', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases.map((c) => [JSON.stringify(c.text), c.text, c.words] as const))(
    '%s',
    (_label, text, words) => {
      expect(countWords(text)).toBe(words);
    },
  );
});

describe('readingMinutes', () => {
  it('rounds up and is zero only for nothing', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(231)).toBe(2);
  });
});

describe('WordCounts', () => {
  it('takes a recorded count for its very text, and counts any other text itself', () => {
    const counts = new WordCounts();
    // A deliberately wrong record shows which count is used.
    counts.record('a', 'one two three', 99);
    expect(counts.countAll([{ id: 'a', body: 'one two three' }, { id: 'b', body: 'four five' }])).toEqual(
      new Map([
        ['a', 99],
        ['b', 2],
      ]),
    );
    // The text moved on past the record: counted again, exactly.
    expect(counts.countAll([{ id: 'a', body: 'one two three four' }]).get('a')).toBe(4);
  });
});
