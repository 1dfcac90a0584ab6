// Ranks a pool of search candidates by BM25 computed over the pool itself. FTS5's bm25() counts every document
// that contains each term, which costs as much as the number of matches across the whole history; ranking the
// newest matches in JS keeps a search's cost bounded however common its words are.
import { ASCII, fold, patternsOf, type SearchTerm } from './searchTerms';

export interface Candidate {
  /** Newer candidates have larger keys: the tie-breaker. */
  key: number;
  text: string;
}

/** Term frequencies are counted in the first few kilobytes of each text: pasted logs are long and repetitive. */
const RANK_CAP = 4096;
const K1 = 1.2;
const B = 0.75;
const count = (re: RegExp, text: string) => {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
};

/** The candidates' indexes, best first: BM25 with document frequencies taken from the pool. */
export function rankPool(candidates: Candidate[], terms: SearchTerm[]): number[] {
  const n = candidates.length;
  if (n === 0) return [];
  const patterns = patternsOf(terms);
  // Folding (for accents) is only needed when a term itself has non-ASCII letters; case is handled by the regex.
  const foldText = terms.some((t) => t.words.some((w) => !ASCII.test(w)));
  const tf = candidates.map((c) => {
    const head = c.text.length > RANK_CAP ? c.text.slice(0, RANK_CAP) : c.text;
    const text = foldText && !ASCII.test(head) ? fold(head) : head;
    return patterns.map((re) => count(re, text));
  });
  const lengths = candidates.map((c) => Math.max(1, Math.min(RANK_CAP, c.text.length)));
  const avg = lengths.reduce((a, b) => a + b, 0) / n;
  const idf = terms.map((_, k) => {
    const df = tf.reduce((m, row) => m + (row[k]! > 0 ? 1 : 0), 0);
    return Math.log((n - df + 0.5) / (df + 0.5) + 1);
  });
  const score = tf.map((row, i) =>
    row.reduce(
      (s, f, k) => s + (f === 0 ? 0 : (idf[k]! * f * (K1 + 1)) / (f + K1 * (1 - B + (B * lengths[i]!) / avg))),
      0,
    ),
  );
  return candidates.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || candidates[b]!.key - candidates[a]!.key);
}
