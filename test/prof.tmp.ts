import Database from 'better-sqlite3';
import { searchQueries } from './bench/data';
import { expandPrefixes, toFtsQuery } from '../src/main/core/services/ftsQuery';
import { ftsTokens, searchTermsRepo } from '../src/main/core/db/repos/searchTerms';
import { searchRepo } from '../src/main/core/db/repos/search';
import { rankPool } from '../src/main/core/services/ranking';
import { termsOf } from '../src/main/core/services/searchTerms';
const db = new Database('/tmp/h21c/prof.sqlite');
const vocab = { tokens: ftsTokens, completions: searchTermsRepo(db).completions };
const repo = searchRepo(db);
const rows: Array<[number, number, number, number, string, string]> = [];
const qs = [...new Set(searchQueries(200))].concat(['s', 'a', '0', 'g', 'memory b', 'node-p']);
for (let round = 0; round < 2; round++)
  for (const text of qs) {
    const q = toFtsQuery(text);
    const t0 = performance.now();
    const e = expandPrefixes(q, vocab).query;
    const t1 = performance.now();
    const c = repo.candidates(q, e);
    const t2 = performance.now();
    rankPool(c, termsOf(q));
    const t3 = performance.now();
    if (round) rows.push([t3 - t0, t1 - t0, t2 - t1, t3 - t2, text, e.slice(0, 100)]);
  }
rows.sort((a, b) => b[0] - a[0]);
for (const r of rows.slice(0, 25)) console.log(r.slice(0, 4).map((x) => (x as number).toFixed(1)).join(' '), '|', r[4], '|', r[5]);
