// search_p99_ms / search_ratio: 200 varied queries over the year of notes, through search.query vs raw FTS5 MATCH.
import { toFtsQuery } from '../../src/main/core/services/ftsQuery';
import { searchQueries } from './data';
import { call, coreOnFixture, spreadOf } from './harness';
import { result, round, type BenchResult } from './results';
import { nowMs, summarize } from './stats';
import type { Bench } from './suite';

export const searchBench: Bench = {
  name: 'search',
  async run({ quick }): Promise<BenchResult[]> {
    const env = await coreOnFixture(quick, 'search-');
    try {
      const queries = searchQueries(quick ? 24 : 200);
      const raw = env.core.db.prepare<[string], { rowid: number; r: number }>(
        'SELECT rowid, bm25(notes_fts) AS r FROM notes_fts WHERE notes_fts MATCH ? ORDER BY r LIMIT 50',
      );
      const fts = queries.map(toFtsQuery);
      const rounds = quick ? 2 : 5;
      const handlerMs: number[] = [];
      const rawMs: number[] = [];
      let hits = 0;
      for (let round = -1; round < rounds; round++) {
        for (let i = 0; i < queries.length; i++) {
          const a = nowMs();
          const found = (await call<{ hits: unknown[] }>(env.core, 'search.query', { text: queries[i] })).hits;
          const b = nowMs();
          raw.all(fts[i]!);
          const c = nowMs();
          if (round < 0) {
            hits += found.length; // the first round warms the page cache
            continue;
          }
          handlerMs.push(b - a);
          rawMs.push(c - b);
        }
      }
      if (hits === 0) throw new Error('search found nothing: the fixture or the queries are wrong');
      const sh = summarize(handlerMs);
      const sr = summarize(rawMs);
      return [
        result('search_p99_ms', sh.p99, 'ms', '<=', 20, {
          spread:
            `median ${sh.median.toFixed(3)} ms, p95 ${sh.p95.toFixed(3)} ms, max ${sh.max.toFixed(3)} ms ` +
            `(${queries.length} queries × ${rounds})`,
        }),
        result('search_ratio', sh.median / sr.median, 'x', '<=', 1.5, {
          baseline: round(sr.median),
          ratio: round(sh.median / sr.median),
          spread: `handler median ${sh.median.toFixed(3)} ms ${spreadOf(sh)}; raw ${spreadOf(sr)}`,
        }),
      ];
    } finally {
      env.cleanup();
    }
  },
};
