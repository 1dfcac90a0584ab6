// RELIABILITY §6 B-4: vendor text limits at N−1 / N / N+1, counted as the vendors count characters (code points),
// and never cutting a surrogate pair, an emoji sequence or an accented letter in half.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  charCount,
  cutIndex,
  ellipsis,
  partLabel,
  splitText,
  TRUNCATED,
  truncateVisibly,
} from '../../src/main/core/outbox/vendors/common';

/** An independent counter (the simulators use the same one): code points. */
const cp = (s: string) => Array.from(s).length;
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const graphemes = (s: string) =>
  Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment);
const stripLabel = (p: string) => p.replace(/\n_\(part \d+ of \d+\)_$/, '');

const EMOJI = '😀'; // one character, two UTF-16 units, four UTF-8 bytes
const FAMILY = '👨‍👩‍👧‍👦'; // seven code points, one grapheme
const FLAG = '🇳🇱'; // two code points (both surrogate pairs), one grapheme
const ACCENT = 'e\u0301'; // e + combining acute: two code points, one grapheme
const CJK = '事'; // three UTF-8 bytes

describe('charCount counts as the vendors do', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    [EMOJI, 1],
    [EMOJI.repeat(3), 3],
    [FAMILY, 7],
    [FLAG, 2],
    [ACCENT, 2],
    [CJK.repeat(4), 4],
    ['\ud800', 1],
    ['\udc00\ud800', 2],
  ])('%j → %i', (s, n) => {
    expect(charCount(s)).toBe(n);
    expect(charCount(s)).toBe(cp(s));
  });
});

describe('cutIndex', () => {
  it('property: cuts only where Intl.Segmenter (the oracle) sees a grapheme boundary, within the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 120 }),
        (text, max) => {
          const bounds = new Set([0, ...graphemes(text).map((_, i, all) => all.slice(0, i + 1).join('').length)]);
          const at = cutIndex(text, 0, max);
          expect(cp(text.slice(0, at))).toBeLessThanOrEqual(max);
          // The only allowed exception: a single cluster longer than the whole limit is cut at a code point.
          const longCluster = graphemes(text).some((g) => cp(g) > max);
          if (!longCluster) expect(bounds.has(at)).toBe(true);
          expect(wellFormed(text.slice(0, at))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Clusters the property run found or that follow the same rules (UAX #29 GB6-8, GB9b, GB9c): each cut lands where
  // Intl.Segmenter puts a boundary, never inside the cluster.
  it.each([
    ['decomposed Hangul syllable (L V T jamo)', '    \u1112\u1175\u11c2 '],
    ['precomposed LV syllable + trailing jamo', '    \uac00\u11a8 '],
    ['Arabic number sign (prepend) + digit', '    \u0600\u0661 '],
    ['Devanagari conjunct (consonant + virama + consonant)', '    \u0915\u094d\u0937 '],
  ])('a cut never splits a %s', (_name, text) => {
    const bounds = new Set([0, ...graphemes(text).map((_, i, all) => all.slice(0, i + 1).join('').length)]);
    for (let max = 1; max <= cp(text); max++) expect(bounds.has(cutIndex(text, 0, max))).toBe(true);
  });
});

describe('truncateVisibly (PagerDuty notes) at N−1 / N / N+1', () => {
  const N = 100;
  it.each([
    ['ASCII', 'a'],
    ['4-byte emoji (2 UTF-16 units each)', EMOJI],
    ['3-byte CJK', CJK],
  ])('%s', (_name, unit) => {
    const under = unit.repeat(N - 1);
    const exact = unit.repeat(N);
    const over = unit.repeat(N + 1);
    expect(truncateVisibly(under, N)).toBe(under);
    // N emoji are 2N UTF-16 units but N characters for the vendor: untouched.
    expect(truncateVisibly(exact, N)).toBe(exact);
    const cut = truncateVisibly(over, N);
    expect(cp(cut)).toBe(N);
    expect(cut.endsWith(TRUNCATED)).toBe(true);
    expect(over.startsWith(cut.slice(0, -TRUNCATED.length))).toBe(true);
    expect(wellFormed(cut)).toBe(true);
  });

  it('never cuts a surrogate pair even when the limit falls between its halves in UTF-16 terms', () => {
    // 'a' then emoji: a UTF-16 count would cut after an odd number of units, i.e. inside an emoji.
    const text = `a${EMOJI.repeat(200)}`;
    for (const max of [40, 41, 42, 43, 99, 100]) {
      const cut = truncateVisibly(text, max);
      expect(wellFormed(cut)).toBe(true);
      expect(cp(cut)).toBeLessThanOrEqual(max);
      expect(cp(cut)).toBeGreaterThanOrEqual(max - 1);
    }
  });

  it('never cuts an emoji sequence, a flag or an accented letter in half', () => {
    for (const unit of [FAMILY, FLAG, ACCENT]) {
      const text = unit.repeat(60);
      for (let max = 40; max < 60; max++) {
        const kept = truncateVisibly(text, max, '…').slice(0, -1);
        expect(cp(kept) + 1).toBeLessThanOrEqual(max);
        expect(graphemes(kept).every((g) => g === unit)).toBe(true);
      }
    }
  });

  it('property: any text comes back within the limit, well-formed, as a visible prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 40, max: 300 }), (text, max) => {
        const out = truncateVisibly(text, max);
        expect(cp(out)).toBeLessThanOrEqual(max);
        expect(wellFormed(out)).toBe(true);
        if (cp(text) <= max) expect(out).toBe(text);
        else {
          expect(out.endsWith(TRUNCATED)).toBe(true);
          expect(text.startsWith(out.slice(0, -TRUNCATED.length))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('ellipsis (PagerDuty titles) at N−1 / N / N+1', () => {
  const N = 1024;
  it.each([
    ['ASCII', 'x'],
    ['emoji', EMOJI],
    ['CJK', CJK],
  ])('%s', (_name, unit) => {
    expect(ellipsis(unit.repeat(N - 1), N)).toBe(unit.repeat(N - 1));
    expect(ellipsis(unit.repeat(N), N)).toBe(unit.repeat(N));
    const over = ellipsis(unit.repeat(N + 1), N);
    expect(over).toBe(`${unit.repeat(N - 1)}…`);
    expect(cp(over)).toBe(N);
  });

  it('makes one line of the title and keeps whole graphemes', () => {
    expect(ellipsis('  Checkout\n\n  is  down  ', 50)).toBe('Checkout is down');
    const out = ellipsis(FAMILY.repeat(10), 20);
    expect(out).toBe(`${FAMILY.repeat(2)}…`);
  });
});

describe('splitText (Slack messages) at N−1 / N / N+1', () => {
  const N = 200;
  it.each([
    ['ASCII', 'b'],
    ['emoji', EMOJI],
    ['CJK', CJK],
  ])('%s: one part up to N characters, labelled parts above, none over N', (_name, unit) => {
    expect(splitText(unit.repeat(N - 1), N)).toEqual([unit.repeat(N - 1)]);
    expect(splitText(unit.repeat(N), N)).toEqual([unit.repeat(N)]);
    const parts = splitText(unit.repeat(N + 1), N);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.endsWith(partLabel(1, 2))).toBe(true);
    expect(parts[1]!.endsWith(partLabel(2, 2))).toBe(true);
    for (const p of parts) {
      expect(cp(p)).toBeLessThanOrEqual(N);
      expect(wellFormed(p)).toBe(true);
    }
    expect(parts.map(stripLabel).join('')).toBe(unit.repeat(N + 1));
  });

  it('prefers paragraph, then line, then word breaks', () => {
    const para = `${'word '.repeat(25)}end.`; // 129 characters
    const parts = splitText(`${para}\n\n${para}\nline two ${'z'.repeat(40)}`, 200);
    expect(stripLabel(parts[0]!)).toBe(para);
    expect(stripLabel(parts[1]!).startsWith(para)).toBe(true);
  });

  it('keeps the label inside the limit when the count of parts reaches two digits', () => {
    const text = 'abcdefghij '.repeat(200); // 2 200 characters, ~14 parts of 200
    const parts = splitText(text, 200);
    expect(parts.length).toBeGreaterThanOrEqual(10);
    parts.forEach((p, i) => {
      expect(cp(p)).toBeLessThanOrEqual(200);
      expect(p.endsWith(partLabel(i + 1, parts.length))).toBe(true);
    });
    expect(parts.map(stripLabel).join(' ')).toBe(text.trim());
  });

  it('never splits a grapheme across two messages', () => {
    for (const unit of [FAMILY, FLAG, ACCENT, EMOJI]) {
      const parts = splitText(unit.repeat(300), 100);
      for (const p of parts) expect(graphemes(stripLabel(p)).every((g) => g === unit)).toBe(true);
      expect(parts.map(stripLabel).join('')).toBe(unit.repeat(300));
    }
  });

  it('property: every part within the limit, well-formed, in order, nothing but whitespace lost', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 1500 }), fc.integer({ min: 40, max: 400 }), (text, max) => {
        const parts = splitText(text, max);
        for (const p of parts) {
          expect(cp(p)).toBeLessThanOrEqual(max);
          expect(wellFormed(p)).toBe(true);
        }
        if (cp(text) <= max) expect(parts).toEqual([text]);
        else expect(parts.map(stripLabel).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
      { numRuns: 300 },
    );
  });
});
