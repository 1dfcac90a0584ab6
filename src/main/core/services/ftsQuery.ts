// Turns what a person types into a safe FTS5 query: words become prefix terms, "phrases" stay
// exact, OR/NOT/AND work between terms; anything FTS5 would choke on becomes a helpful message.
import { AppError } from '../../../shared/result';

const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const OPERATOR_CHARS = /^[()*^:+\-{}]+$/;
const OPERATORS = new Set(['OR', 'AND', 'NOT']);

type Part = { op: string } | { term: string };

const tokens = (s: string) => s.match(TOKEN) ?? [];

const invalid = (message: string) => new AppError('invalid_input', message);

export function toFtsQuery(text: string): string {
  const input = text.normalize('NFC');
  const parts: Part[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) {
        throw invalid(
          'Search has an opening quote (") without a closing one. Add the closing quote, or remove it to search for ' +
            'the words.',
        );
      }
      const words = tokens(input.slice(i + 1, end));
      if (words.length) parts.push({ term: `"${words.join(' ')}"` });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j]!) && input[j] !== '"') j++;
    const word = input.slice(i, j);
    i = j;
    if (OPERATORS.has(word)) {
      parts.push({ op: word });
      continue;
    }
    const words = tokens(word);
    if (words.length) parts.push({ term: `"${words.join(' ')}"*` });
    else if (OPERATOR_CHARS.test(word)) {
      throw invalid(
        `Search does not understand “${word}” on its own. Type words, or put text in "double quotes" to match it ` +
          `exactly.`,
      );
    }
  }
  const out: string[] = [];
  parts.forEach((p, k) => {
    if ('term' in p) {
      out.push(p.term);
      return;
    }
    const prev = parts[k - 1];
    const next = parts[k + 1];
    if (!prev || !next || !('term' in prev) || !('term' in next)) {
      throw invalid(
        `“${p.op}” needs something to search for on both sides, like: disk ${p.op} memory. To find the word itself, ` +
          `write "${p.op.toLowerCase()}".`,
      );
    }
    out.push(p.op);
  });
  if (out.length === 0) throw invalid('Type at least one word (letters or digits) to search for.');
  return out.join(' ');
}

export const HIT_START = '\uE000';
export const HIT_END = '\uE001';

/** Splits an FTS5 snippet marked with HIT_START/HIT_END into plain and highlighted parts. */
export function snippetParts(snippet: string): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let hit = false;
  let buf = '';
  for (const ch of snippet) {
    if (ch === HIT_START || ch === HIT_END) {
      if (buf) parts.push({ text: buf, hit });
      buf = '';
      hit = ch === HIT_START;
    } else buf += ch;
  }
  if (buf) parts.push({ text: buf, hit });
  return parts;
}

export interface PrefixVocabulary {
  /** The text's tokens as the index's tokenizer makes them. */
  tokens(text: string): string[];
  /** The indexed terms starting with a folded prefix; `capped` when only some of them (see searchTermsRepo). */
  completions(prefix: string, cap: number): { terms: string[]; capped: boolean };
}

/** Completions per prefix word, and per prefix phrase ("dask-g"), whose alternatives each re-read the phrase's
 * other words: fewer, to stay within a search's budget. */
export const WORD_CAP = 64;
export const PHRASE_CAP = 16;

/**
 * Rewrites each prefix term of a toFtsQuery() query ("word"* or "some words"*) into the exact terms it stands for,
 * taken from the vocabulary of the index: ("kernel" OR "kernels"). FTS5 walks exact terms lazily, newest first, and
 * stops at the LIMIT; a prefix term it first merges whole (every note with any such word), which on a million
 * notes takes 20 ms to seconds. A prefix with no indexed completion becomes its exact phrase, which matches nothing,
 * as the prefix would. `capped` lists the prefixes that had more completions than the cap, as typed (folded): for
 * them only the prefix itself and its commonest completions are searched.
 */
export function expandPrefixes(q: string, vocab: PrefixVocabulary): { query: string; capped: string[] } {
  const capped: string[] = [];
  const out: string[] = [];
  let prevTerm = false;
  for (const item of q.match(/"[^"]*"\*?|\S+/g) ?? []) {
    const term = item.startsWith('"');
    // FTS5 joins terms side by side with an implicit AND, but not a parenthesised group: say AND outright.
    if (term && prevTerm) out.push('AND');
    prevTerm = term;
    if (!item.endsWith('"*')) {
      out.push(item);
      continue;
    }
    const words = vocab.tokens(item.slice(1, -2));
    const last = words.pop();
    if (last === undefined) {
      out.push(item);
      continue;
    }
    const found = vocab.completions(last, words.length ? PHRASE_CAP : WORD_CAP);
    if (found.capped) capped.push([...words, last].join(' '));
    const alternatives = (found.terms.length ? found.terms : [last]).map((t) => `"${[...words, t].join(' ')}"`);
    out.push(alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`);
  }
  return { query: out.join(' '), capped };
}
