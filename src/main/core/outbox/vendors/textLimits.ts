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
/** Index of the code point that ends just before `i`. */
const prevIndex = (s: string, i: number) => (i >= 2 && isLow(s.charCodeAt(i - 1)) && isHigh(s.charCodeAt(i - 2)) ? i - 2 : i - 1);

/**
 * The best cut at or before `end` (a code-point boundary) that does not split a grapheme cluster: moves back over
 * marks, joiners and skin tones, keeps a flag's two regional indicators and CR LF together. Never at or before
 * `from` (pieces start on a boundary): one cluster longer than the piece (zalgo text) is cut at `end`.
 */
function graphemeCut(s: string, from: number, end: number): number {
  if (end >= s.length) return s.length;
  let cut = end;
  for (let guard = 0; cut > from && guard < 256; guard++) {
    const before = prevIndex(s, cut);
    const prev = s.codePointAt(before);
    const next = s.codePointAt(cut)!;
    if (EXTENDS.test(String.fromCodePoint(next)) || prev === ZWJ || (prev === 0x0d && next === 0x0a)) {
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
    if (String(parts.length).length <= String(guess).length) return parts.map((p, i) => `${p}${label(i + 1, parts.length)}`);
    guess = parts.length;
  }
}
