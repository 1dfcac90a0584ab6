// expandPrefixes: each prefix term of a toFtsQuery() query becomes the exact terms it stands for, phrases keep their
// words, exact phrases and NOT stay, and a prefix with too many completions is searched by its commonest.
import { describe, expect, it } from 'vitest';
import {
  expandPrefixes,
  PHRASE_CAP,
  toFtsQuery,
  WORD_CAP,
  type PrefixVocabulary,
} from '../../src/main/core/services/ftsQuery';

const vocabOf = (words: string[], docs: Record<string, number> = {}): PrefixVocabulary & { caps: number[] } => {
  const caps: number[] = [];
  return {
    caps,
    tokens: (text) => text.toLowerCase().split(/\s+/).filter(Boolean),
    completions(prefix, cap) {
      caps.push(cap);
      const all = words.filter((w) => w.startsWith(prefix)).sort();
      if (all.length <= cap) return { terms: all, capped: false };
      const rest = all.filter((w) => w !== prefix).sort((a, b) => (docs[b] ?? 0) - (docs[a] ?? 0));
      return { terms: [prefix, ...rest.slice(0, cap - 1)], capped: true };
    },
  };
};

describe('expandPrefixes', () => {
  const vocab = vocabOf(['kernel', 'kernels', 'dask', 'gateway', 'get', 'helm']);

  it('turns a prefix word into its completions, alone or as alternatives', () => {
    expect(expandPrefixes(toFtsQuery('kern'), vocab)).toEqual({ query: '("kernel" OR "kernels")', capped: [] });
    expect(expandPrefixes(toFtsQuery('das'), vocab).query).toBe('"dask"');
    expect(expandPrefixes(toFtsQuery('Dask hel'), vocab).query).toBe('"dask" AND "helm"');
    // FTS5 does not accept a group next to a term without an operator.
    expect(expandPrefixes(toFtsQuery('kern "dask gateway"'), vocab).query).toBe(
      '("kernel" OR "kernels") AND "dask gateway"',
    );
  });

  it('keeps operators, NOT and exact phrases as they are', () => {
    expect(expandPrefixes(toFtsQuery('kern OR "dask gateway" NOT hel'), vocab).query).toBe(
      '("kernel" OR "kernels") OR "dask gateway" NOT "helm"',
    );
  });

  it('expands the last word of a prefix phrase, with the phrase cap', () => {
    const v = vocabOf(['dask', 'gateway', 'get']);
    expect(expandPrefixes(toFtsQuery('dask-g'), v).query).toBe('("dask gateway" OR "dask get")');
    expect(v.caps).toEqual([PHRASE_CAP]);
  });

  it('searches a prefix nothing completes as its exact word, which matches nothing, as the prefix would', () => {
    expect(expandPrefixes(toFtsQuery('zebra'), vocab)).toEqual({ query: '"zebra"', capped: [] });
  });

  it('past the cap: the prefix itself and its commonest completions, and says which prefixes were capped', () => {
    const many = Array.from({ length: WORD_CAP + 10 }, (_, i) => `g${i}`);
    const docs = Object.fromEntries(many.map((w, i) => [w, i]));
    const v = vocabOf(['g', ...many], docs);
    const { query, capped } = expandPrefixes(toFtsQuery('g dask'), v);
    expect(capped).toEqual(['g']);
    const alternatives = query.slice(1, query.indexOf(')')).split(' OR ');
    expect(alternatives).toHaveLength(WORD_CAP);
    expect(alternatives[0]).toBe('"g"');
    expect(query.endsWith(') AND "dask"')).toBe(true);
    // The commonest (the highest counts) are in, the rarest are not.
    expect(alternatives).toContain(`"g${WORD_CAP + 9}"`);
    expect(alternatives).not.toContain('"g0"');
  });
});
