// Search snippets built from the stored text of the few rows a search returns: a window of words around the
// densest run of matches, with matches marked. Cheaper than FTS5's snippet(), which re-runs the query per row.
import { HIT_END, HIT_START } from './ftsQuery';
import { ASCII, fold, patternsOf, TOKEN, type SearchTerm } from './searchTerms';

/** Snippets look at the start of very long bodies only (pasted logs): a bounded cost per returned row. */
const MAX_SCAN = 64 * 1024;

/** `text` cut to about `width` words around its matches, matches wrapped in HIT_START/HIT_END. */
export function buildSnippet(text: string, terms: SearchTerm[], width = 16): string {
  // Only the neighbourhood of the first match is tokenised: a long log costs no more than a short note.
  const head = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  let first = text.length;
  for (const re of patternsOf(terms)) {
    re.lastIndex = 0;
    const m = re.exec(head);
    if (m && m.index < first) first = m.index;
  }
  if (first === text.length) first = 0;
  const from = Math.max(0, first - 200);
  const to = Math.min(text.length, first + 800);
  if (from > 0 || to < text.length) {
    const inner = buildSnippetOf(text.slice(from, to), terms, width);
    const lead = from > 0 && !inner.startsWith('…') ? '…' : '';
    const tail = to < text.length && !inner.endsWith('…') ? '…' : '';
    return lead + inner + tail;
  }
  return buildSnippetOf(text, terms, width);
}

function buildSnippetOf(text: string, terms: SearchTerm[], width: number): string {
  const tokens: Array<{ start: number; end: number; folded: string }> = [];
  for (const m of text.matchAll(TOKEN))
    tokens.push({
      start: m.index,
      end: m.index + m[0].length,
      folded: ASCII.test(m[0]) ? m[0].toLowerCase() : fold(m[0]),
    });
  const hit = new Uint8Array(tokens.length);
  const wordMatches = (token: string, word: string, last: boolean, prefix: boolean) =>
    token === word || (last && prefix && token.startsWith(word));
  for (let i = 0; i < tokens.length; i++) {
    for (const t of terms) {
      if (i + t.words.length > tokens.length) continue;
      if (t.words.every((w, k) => wordMatches(tokens[i + k]!.folded, w, k === t.words.length - 1, t.prefix))) {
        for (let k = 0; k < t.words.length; k++) hit[i + k] = 1;
      }
    }
  }
  // The window of `width` tokens holding the most matches (a sliding count), starting a little before them.
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    count += hit[i]!;
    if (i >= width) count -= hit[i - width]!;
    const start = Math.max(0, i - width + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  if (tokens.length === 0) return text.slice(0, 200);
  const firstHit = hit.indexOf(1, best);
  if (firstHit > best + 2) best = Math.max(0, Math.min(firstHit - 2, tokens.length - width));
  const last = Math.min(tokens.length, best + width) - 1;
  let out = best > 0 ? '…' : '';
  let at = best > 0 ? tokens[best]!.start : 0;
  for (let i = best; i <= last; i++) {
    const tok = tokens[i]!;
    out += text.slice(at, tok.start);
    out += hit[i] ? `${HIT_START}${text.slice(tok.start, tok.end)}${HIT_END}` : text.slice(tok.start, tok.end);
    at = tok.end;
  }
  const more = last < tokens.length - 1;
  return more ? `${out}…` : out + text.slice(at);
}
