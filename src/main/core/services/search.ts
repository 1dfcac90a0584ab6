// Use case for full-text search: flushes the batched notes index when it can, then safe query building, ranked hits,
// snippets as plain/highlight parts.
import type { OpParsed } from '../../../shared/contract';
import type { SearchHit, SearchResult } from '../../../shared/notes';
import { AppError } from '../../../shared/result';
import { searchRepo } from '../db/repos/search';
import { searchTermsRepo, ftsTokens } from '../db/repos/searchTerms';
import { expandPrefixes, snippetParts, toFtsQuery } from './ftsQuery';
import { rankPool } from './ranking';
import type { SearchIndexService } from './searchIndex';
import { termsOf } from './searchTerms';
import { buildSnippet } from './snippet';
import type { ServiceDeps } from '../ports';
import type { Logger } from '../ports';

export function searchService({ db }: ServiceDeps, index: Pick<SearchIndexService, 'flush'>, logger?: Logger) {
  const repo = searchRepo(db);
  const vocab = { tokens: ftsTokens, completions: searchTermsRepo(db).completions };
  return {
    query(input: OpParsed<'search.query'>): SearchResult {
      const q = toFtsQuery(input.text);
      // Notes are indexed in batches after they commit: add any still waiting, so a search sees every saved note.
      // Only opportunistically: a search is a read, so a full disk or a busy lock must not fail it; it then answers
      // from what is indexed, and the next batch, search or start indexes the rest.
      try {
        index.flush();
      } catch (err) {
        logger?.warn('search answered without indexing waiting notes', {
          error: err instanceof Error ? err.message : String(err),
        });
      }
      let candidates;
      let capped: string[];
      try {
        // Notes are searched by the exact terms each typed prefix stands for (FTS5 walks those newest first and stops
        // early); the other timeline entries, a small index without a vocabulary, by the prefixes themselves.
        const expanded = expandPrefixes(q, vocab);
        capped = expanded.capped;
        candidates = repo.candidates(q, expanded.query);
      } catch (err) {
        // toFtsQuery should make this unreachable; if FTS5 still objects, answer as bad input, not a crash.
        if (err instanceof Error && /fts5|syntax/i.test(err.message)) {
          throw new AppError(
            'invalid_input',
            'Search could not understand that. Try plain words, or put text in "double quotes".',
          );
        }
        throw err;
      }
      const terms = termsOf(q);
      // Notes and other timeline entries are ranked together, so the best of either comes first.
      const chosen = rankPool(candidates, terms)
        .slice(0, input.limit)
        .map((i) => candidates[i]!);
      const hits: SearchHit[] = repo.details(chosen).map(({ c, row: r }) => ({
        type: c.type,
        incidentId: r.incident_id,
        incidentTitle: r.incident_title,
        noteId: r.note_id,
        entryId: r.entry_id,
        kind: r.kind,
        source: r.source,
        at: new Date(r.at).toISOString(),
        snippet: snippetParts(buildSnippet(c.text, terms)),
      }));
      return { hits, capped };
    },
  };
}
