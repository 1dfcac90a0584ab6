// Vendor text limits: count characters the way the vendors do (Unicode code points) and cut only between whole
// characters (never inside a surrogate pair, and where possible never inside an emoji or accented letter).

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Characters as Slack and PagerDuty count them ("characters" in API-CONTRACTS.md: Unicode code points, so an
 * emoji made of a surrogate pair counts once). A lone surrogate counts as one.
 */
export function charCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/** The UTF-16 index just after `chars` code points counted from `from` (or the end of the text). */
function advance(s: string, from: number, chars: number): number {
  let i = from;
  for (let n = 0; n < chars && i < s.length; n++) {
    i += isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/**
 * Characters that continue the cluster before them (UAX #29 GB9/GB9a/GB11 simplified): combining and spacing marks,
 * variation selectors, emoji skin tones, tag characters (subdivision flags) and the zero-width joiner.
 * Intl.Segmenter would be exact but V8's slows down sharply on long text (a 1 MiB paste took seconds), and a cut only
 * needs the few characters around it.
 */
const EXTENDS = /^[\p{M}\p{Emoji_Modifier}\u200d\u{e0020}-\u{e007f}]/u;
const ZWJ = 0x200d;
const isRegional = (cp: number | undefined) => cp !== undefined && cp >= 0x1f1e6 && cp <= 0x1f1ff;
/** Prepend characters (GB9b): they join the character after them. */
const PREPEND = new RegExp(
  '^[\\u0600-\\u0605\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u0d4e' +
    '\\u{110bd}\\u{110cd}\\u{111c2}\\u{111c3}\\u{1193f}\\u{11941}\\u{11a3a}\\u{11a84}-\\u{11a89}\\u{11d46}\\u{11f02}]$',
  'u',
);
/** Indic conjuncts (GB9c): consonant + virama + consonant stays one character in these six scripts. */
const LINKERS = new Set([0x094d, 0x09cd, 0x0acd, 0x0b4d, 0x0c4d, 0x0d4d]);
const INDIC_CONSONANT = new RegExp(
  '^[\\u0915-\\u0939\\u0958-\\u095f\\u0978-\\u097f\\u0995-\\u09b9\\u09dc-\\u09df\\u09f0\\u09f1' +
    '\\u0a95-\\u0ab9\\u0af9\\u0b15-\\u0b39\\u0b5c-\\u0b5f\\u0b71\\u0c15-\\u0c39\\u0c58-\\u0c5a\\u0d15-\\u0d3a]$',
  'u',
);

/** Hangul syllable types (GB6-GB8): leading, vowel and trailing jamo, and precomposed LV / LVT syllables. */
function hangul(cp: number | undefined): 'L' | 'V' | 'T' | 'LV' | 'LVT' | null {
  if (cp === undefined) return null;
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c)) return 'L';
  if ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6)) return 'V';
  if ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb)) return 'T';
  if (cp >= 0xac00 && cp <= 0xd7a3) return (cp - 0xac00) % 28 === 0 ? 'LV' : 'LVT';
  return null;
}
const HANGUL_JOINS: Record<string, readonly string[]> = {
  L: ['L', 'V', 'LV', 'LVT'],
  V: ['V', 'T'],
  LV: ['V', 'T'],
  T: ['T'],
  LVT: ['T'],
};

/** Index of the code point that ends just before `i`. */
const prevIndex = (s: string, i: number) =>
  i >= 2 && isLow(s.charCodeAt(i - 1)) && isHigh(s.charCodeAt(i - 2)) ? i - 2 : i - 1;

/**
 * The best cut at or before `end` (a code-point boundary) that does not split a grapheme cluster: moves back over
 * marks, joiners and skin tones, keeps a flag's two regional indicators, CR LF, Hangul jamo sequences, a prepend
 * character with what follows it and Indic conjuncts together. Never at or before
 * `from` (pieces start on a boundary): one cluster longer than the piece (zalgo text) is cut at `end`.
 */
function graphemeCut(s: string, from: number, end: number): number {
  if (end >= s.length) return s.length;
  let cut = end;
  for (let guard = 0; cut > from && guard < 256; guard++) {
    const before = prevIndex(s, cut);
    const prev = s.codePointAt(before);
    const next = s.codePointAt(cut)!;
    if (
      EXTENDS.test(String.fromCodePoint(next)) ||
      prev === ZWJ ||
      (prev === 0x0d && next === 0x0a) ||
      joinsHangul(prev, next) ||
      (prev !== undefined && PREPEND.test(String.fromCodePoint(prev)) && next !== 0x0a && next !== 0x0d) ||
      insideConjunct(s, from, cut, next)
    ) {
      cut = before;
      continue;
    }
    if (isRegional(prev) && isRegional(next)) {
      // Regional indicators pair up from the left: an odd count before the cut means it falls inside a flag.
      let n = 0;
      for (let i = cut; i > from && isRegional(s.codePointAt(prevIndex(s, i))); i = prevIndex(s, i)) n++;
      if (n % 2 === 1) cut = before;
    }
    break;
  }
  return cut > from ? cut : end;
}

function joinsHangul(prev: number | undefined, next: number): boolean {
  const a = hangul(prev);
  const b = hangul(next);
  return a !== null && b !== null && HANGUL_JOINS[a]!.includes(b);
}

/** A cut just before a consonant that follows consonant + (marks with a virama among them) would split a conjunct. */
function insideConjunct(s: string, from: number, cut: number, next: number): boolean {
  if (!INDIC_CONSONANT.test(String.fromCodePoint(next))) return false;
  let linked = false;
  for (let i = cut; i > from; i = prevIndex(s, i)) {
    const cp = s.codePointAt(prevIndex(s, i))!;
    if (LINKERS.has(cp)) linked = true;
    else if (!EXTENDS.test(String.fromCodePoint(cp))) return linked && INDIC_CONSONANT.test(String.fromCodePoint(cp));
  }
  return false;
}

/** An HTML-style entity (`&amp;`, `&lt;`, `&#8212;`) that a cut at `cut` would split: where it starts, or -1. */
function openEntityBefore(s: string, from: number, cut: number): number {
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp <= from || cut - amp > 10) return -1;
  return /^&#?\w*$/.test(s.slice(amp, cut)) && /^\w*;/.test(s.slice(cut, amp + 11)) ? amp : -1;
}

/** The UTF-16 index where a piece of at most `maxChars` characters starting at `from` should end. */
export function cutIndex(s: string, from: number, maxChars: number): number {
  const cut = graphemeCut(s, from, advance(s, from, Math.max(0, maxChars)));
  // Escaped text (Slack's &lt; &gt; &amp;) is never cut inside an entity: half of one would show as garbage.
  const amp = openEntityBefore(s, from, cut);
  return amp > 0 ? amp : cut;
}

export const ELLIPSIS = '…';
/** What a truncated long text ends with: the ellipsis says it was cut, the words say where the rest is. */
export const TRUNCATED = '… [truncated, full text in Conn]';

/** At most `max` characters (vendor counting), ending in `note` (an ellipsis by default) when it had to be cut. */
export function truncateVisibly(text: string, max: number, note = TRUNCATED): string {
  if (charCount(text) <= max) return text;
  const room = Math.max(0, max - charCount(note));
  return `${text.slice(0, cutIndex(text, 0, room)).trimEnd()}${note}`;
}

/** A one-line title of at most `max` characters (whitespace collapsed), ending in "…" when it had to be cut. */
export function ellipsis(text: string, max: number): string {
  return truncateVisibly(text.replace(/\s+/g, ' ').trim(), max, ELLIPSIS);
}

/** The visible label of part `i` of `n` when a message is split. */
export const partLabel = (i: number, n: number): string => `\n_(part ${i} of ${n})_`;

function splitAt(text: string, room: number): string[] {
  const parts: string[] = [];
  let pos = 0;
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  skipSpace();
  while (pos < text.length) {
    const hard = cutIndex(text, pos, room);
    let cut = hard;
    if (hard < text.length) {
      // Prefer a paragraph, then a line, then a word break in the second half of the piece.
      const half = pos + Math.floor((hard - pos) / 2);
      const window = text.slice(pos, hard);
      for (const sep of ['\n\n', '\n', ' ']) {
        const at = pos + window.lastIndexOf(sep);
        if (at > half) {
          cut = at;
          break;
        }
      }
    }
    const part = text.slice(pos, cut).trimEnd();
    if (part) parts.push(part);
    pos = cut;
    skipSpace();
  }
  return parts;
}

/**
 * Splits text into messages of at most `max` characters each, label included: every part of a split text ends
 * with `label(i, n)` ("(part 2 of 3)"). Prefers paragraph, then line, then word breaks; never cuts a character.
 * Text within the limit comes back unchanged as one part.
 */
export function splitText(text: string, max: number, label: (i: number, n: number) => string = partLabel): string[] {
  if (charCount(text) <= max) return [text];
  // The label's length depends on the number of parts: reserve room for a guess and grow it until it holds.
  let guess = 2;
  for (;;) {
    const room = max - charCount(label(guess, guess));
    if (room < 1) throw new Error(`A message limit of ${max} characters leaves no room for text.`);
    const parts = splitAt(text, room);
    if (parts.length === 0) return [text.trim()]; // only whitespace: nothing to label
    if (String(parts.length).length <= String(guess).length)
      return parts.map((p, i) => `${p}${label(i + 1, parts.length)}`);
    guess = parts.length;
  }
}
