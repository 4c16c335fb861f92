import { describe, expect, it } from 'vitest';
import { SCALES } from '../test/fixtures';
import {
  cached,
  convertStep,
  formatCount,
  joinList,
  localInputToRfc3339,
  parseWhole,
  ratingText,
  relativeTime,
  rfc3339Offset,
  rfc3339ToLocalInput,
  slug,
  splitList,
} from './format';

const scale = (name: string) => {
  const info = SCALES.find((s) => s.scale === name);
  if (!info) throw new Error(name);
  return info;
};

describe('ratingText', () => {
  it('shows each scale the way its readers know it', () => {
    expect(ratingText({ scale: 'five_stars', step: 7 }, SCALES)).toEqual({
      text: '★★★½',
      label: 'Rating: 3.5 out of 5 stars',
    });
    expect(ratingText({ scale: 'five_stars', step: 0 }, SCALES)?.text).toBe('0★');
    expect(ratingText({ scale: 'ten_points', step: 7 }, SCALES)?.text).toBe('7/10');
    expect(ratingText({ scale: 'letter', step: 9 }, SCALES)?.text).toBe('B+');
    expect(ratingText({ scale: 'letter', step: null }, SCALES)).toBeNull();
  });
});

describe('convertStep', () => {
  it('follows the Rust conversion: nearest, ties up, A rather than A+', () => {
    expect(convertStep(80, scale('letter'))).toBe(9); // B+ (83)
    expect(convertStep(100, scale('letter'))).toBe(11); // A, not A+
    expect(convertStep(0, scale('letter'))).toBe(0);
    expect(convertStep(83, scale('five_stars'))).toBe(8); // 4 stars
    expect(convertStep(75, scale('five_stars'))).toBe(8); // a tie goes up
    expect(convertStep(70, scale('ten_points'))).toBe(7);
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('reads like a person would say it', () => {
    expect(relativeTime('2026-11-27T11:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-11-27T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-11-27T09:00:00+00:00', now)).toBe('3 hours ago');
    expect(relativeTime('2026-11-26T11:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-11-02T12:00:00Z', now)).toBe('2 Nov');
    expect(relativeTime('2025-11-02T12:00:00Z', now)).toBe('2 Nov 2025');
    expect(relativeTime('not a date', now)).toBe('');
  });

  it('gives the same answers from its kept formatters, call after call', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(relativeTime('2026-11-02T12:00:00Z', now)).toBe('2 Nov');
      expect(relativeTime('2025-11-02T12:00:00Z', now)).toBe('2 Nov 2025');
      expect(formatCount(1234567)).toBe('1,234,567');
    }
  });
});

describe('cached', () => {
  it('makes its value once, on first use', () => {
    let made = 0;
    const value = cached(() => ({ n: (made += 1) }));
    expect(made).toBe(0);
    expect(value()).toBe(value());
    expect(made).toBe(1);
  });
});

describe('dates for the embargo', () => {
  it('keeps the wall time and adds the local offset', () => {
    const value = localInputToRfc3339('2026-03-14T09:30');
    expect(value).toMatch(/^2026-03-14T09:30:00[+-]\d{2}:\d{2}$/);
    expect(rfc3339ToLocalInput(value)).toBe('2026-03-14T09:30');
    expect(localInputToRfc3339('')).toBeNull();
  });

  it('shows a stored value as it was written, whatever the machine zone', () => {
    expect(rfc3339ToLocalInput('2026-03-14T18:00:00+09:00')).toBe('2026-03-14T18:00');
    expect(rfc3339Offset('2026-03-14T18:00:00+09:00')).toBe('UTC+09:00');
    expect(rfc3339Offset('2026-03-14T18:00:00Z')).toBe('UTC');
    expect(rfc3339ToLocalInput(null)).toBe('');
  });
});

describe('small parsers', () => {
  it('splits and joins comma lists', () => {
    expect(splitList(' Drama ,Mystery,, ')).toEqual(['Drama', 'Mystery']);
    expect(joinList(['Drama', 'Mystery'])).toBe('Drama, Mystery');
  });

  it('reads whole numbers', () => {
    expect(parseWhole(' 2025 ')).toBe(2025);
    expect(parseWhole('')).toBeNull();
    expect(parseWhole('20x5')).toBeUndefined();
    expect(parseWhole('-3')).toBeUndefined();
  });

  it('slugs section titles', () => {
    expect(slug('Direction and themes')).toBe('direction-and-themes');
    expect(slug('Çiçek’s verdict!')).toBe('cicek-s-verdict');
    expect(slug('  ')).toBe('');
  });
});
