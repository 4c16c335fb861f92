// Word counts and reading time, by the same rule as src-tauri/core/src/words.rs (both run
// the cases in src-tauri/core/fixtures/word-counts.json): a word is a run of letters,
// combining marks and digits; an apostrophe, hyphen, full stop or comma joins two such runs
// into one word ("well-made", "don't", "1,200"); anything else separates words.

/** Average adult silent-reading speed for non-fiction, in words per minute. */
export const WORDS_PER_MINUTE = 230;

// Rust's char::is_alphanumeric is Unicode Alphabetic or Numeric.
const ALPHANUMERIC = /[\p{Alphabetic}\p{N}]/u;

function isMark(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x0591 && cp <= 0x05bd) ||
    (cp >= 0x0610 && cp <= 0x061a) ||
    (cp >= 0x064b && cp <= 0x065f) ||
    (cp >= 0x0900 && cp <= 0x0903) ||
    (cp >= 0x093a && cp <= 0x094f) ||
    (cp >= 0x200c && cp <= 0x200d)
  );
}

function isWordPoint(cp: number): boolean {
  // ASCII fast path: the editor counts on every keystroke.
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return ALPHANUMERIC.test(String.fromCodePoint(cp)) || isMark(cp);
}

function isJoiner(cp: number): boolean {
  // ' ’ - ‐ ‑ . ,
  return cp === 0x27 || cp === 0x2019 || cp === 0x2d || cp === 0x2010 || cp === 0x2011 || cp === 0x2e || cp === 0x2c;
}

export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  // By code point, as Rust's chars() does, without an array of them: opening a review counts
  // each section once, and a long one is 120,000 characters.
  const length = text.length;
  for (let i = 0; i < length; ) {
    const cp = text.codePointAt(i) as number;
    const next = i + (cp > 0xffff ? 2 : 1);
    if (isWordPoint(cp)) {
      if (!inWord) {
        count += 1;
        inWord = true;
      }
    } else if (inWord && isJoiner(cp) && next < length && isWordPoint(text.codePointAt(next) as number)) {
      // Stay inside the word: "well-made", "don't".
    } else {
      inWord = false;
    }
    i = next;
  }
  return count;
}

/** Minutes to read, rounded up; zero only for an empty text. */
export function readingMinutes(words: number): number {
  return Math.ceil(words / WORDS_PER_MINUTE);
}

/**
 * Word counts of texts by key (a section's id), each kept with the text it counts, so a text is
 * counted once: the editors record theirs as the critic types, and a save of a long review
 * reads them instead of recounting its every word.
 */
export class WordCounts {
  private readonly known = new Map<string, { text: string; words: number }>();

  /** Records the count of `text`, made elsewhere. */
  record(key: string, text: string, words: number): void {
    this.known.set(key, { text, words });
  }

  /** The count of each text, counting only those not recorded with that very text. */
  countAll(items: readonly { id: string; body: string }[]): Map<string, number> {
    const words = new Map<string, number>();
    for (const { id, body } of items) {
      let known = this.known.get(id);
      if (known?.text !== body) {
        known = { text: body, words: countWords(body) };
        this.known.set(id, known);
      }
      words.set(id, known.words);
    }
    return words;
  }

  clear(): void {
    this.known.clear();
  }
}
