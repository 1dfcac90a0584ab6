// What a search looks for, taken from the FTS5 query that toFtsQuery() built: its positive terms, folded the way
// the index folds text, and one compiled pattern per term shared by ranking and snippets within a search.

export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

export const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
export const ASCII = /^[\x00-\x7f]*$/; // eslint-disable-line no-control-regex
/** Same folding as the index's tokenizer (unicode61, remove_diacritics 2): case and accents ignored. */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The terms of a query made by toFtsQuery(): "words"* and "phrases", leaving out those after NOT. */
export function termsOf(ftsQuery: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const re = /(NOT\s+)?"([^"]*)"(\*?)/g;
  for (let m = re.exec(ftsQuery); m; m = re.exec(ftsQuery)) {
    if (m[1]) continue;
    const words = (m[2]!.match(TOKEN) ?? []).map(fold);
    if (words.length) terms.push({ words, prefix: m[3] === '*' });
  }
  return terms;
}

/** One global regex per term: words in order with separators between, the last one open-ended for prefixes. */
function termPattern(t: SearchTerm): RegExp {
  const words = t.words.map(escape);
  // ASCII terms (almost all of them) use \b and no Unicode mode: several times faster over long logs.
  if (t.words.every((w) => ASCII.test(w))) return new RegExp(`\\b${words.join('\\W+')}${t.prefix ? '' : '\\b'}`, 'gi');
  const last = t.prefix ? '[\\p{L}\\p{N}\\p{M}]*' : '(?![\\p{L}\\p{N}\\p{M}])';
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${words.join('[^\\p{L}\\p{N}\\p{M}]+')}${last}`, 'giu');
}

const compiled = new WeakMap<SearchTerm[], RegExp[]>();
/** The terms' patterns, compiled once per search (per terms array). Reset `lastIndex` before each use. */
export function patternsOf(terms: SearchTerm[]): RegExp[] {
  let res = compiled.get(terms);
  if (!res) compiled.set(terms, (res = terms.map(termPattern)));
  return res;
}
