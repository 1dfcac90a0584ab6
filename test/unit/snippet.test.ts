// Search snippets: matches marked, the window placed on the densest run of matches, accents and case folded.
import { describe, expect, it } from 'vitest';
import { snippetParts, toFtsQuery } from '../../src/main/core/services/ftsQuery';
import { termsOf } from '../../src/main/core/services/searchTerms';
import { buildSnippet } from '../../src/main/core/services/snippet';

const hits = (text: string, query: string) =>
  snippetParts(buildSnippet(text, termsOf(toFtsQuery(query))))
    .filter((p) => p.hit)
    .map((p) => p.text);
const shown = (text: string, query: string) =>
  snippetParts(buildSnippet(text, termsOf(toFtsQuery(query))))
    .map((p) => p.text)
    .join('');

describe('search snippets', () => {
  it('marks prefix matches, whole phrases, and ignores case and accents like the index does', () => {
    expect(hits('The Database was slow; databases everywhere', 'datab')).toEqual(['Database', 'databases']);
    expect(hits('disk full on node a, full disk later', '"disk full"')).toEqual(['disk', 'full']);
    expect(hits('Café crème at the résumé desk', 'cafe resume')).toEqual(['Café', 'résumé']);
  });

  it('does not mark terms that were excluded with NOT', () => {
    expect(termsOf(toFtsQuery('disk NOT alarm'))).toEqual([{ words: ['disk'], prefix: true }]);
    expect(hits('disk alarm', 'disk NOT alarm')).toEqual(['disk']);
  });

  it('shows the window with the most matches and says when text was cut', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const text = `${filler} kernel died, kernel restarted, kernel ok ${filler}`;
    const s = shown(text, 'kernel');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(hits(text, 'kernel')).toEqual(['kernel', 'kernel', 'kernel']);
    expect(shown('short note about dask', 'dask')).toBe('short note about dask');
  });

  it('stays bounded on a megabyte of pasted log and still shows its start', () => {
    const log = 'ERROR pod evicted\n'.repeat(70_000);
    const s = shown(log, 'evicted');
    expect(s.length).toBeLessThan(400);
    expect(hits(log, 'evicted').length).toBeGreaterThan(0);
  });
});
