// decade_*: a decade of incidents — 1,000 incidents and 1,000,000 notes (quick: 20 and 10,000), generated once with
// batched SQL (one transaction per incident) and cached under out/bench/decade-<size>/. Measures search.query's p99,
// `npm run serve`'s cold start on it, incidents.list, and the database's bytes per note.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, DB_FILE_NAME } from '../../src/main/core';
import { migrations } from '../../src/main/core/db/migrations';
import { timeOrderedIds } from '../../src/main/core/ids';
import type { Incident } from '../../src/shared/domain';
import { fakeClock } from '../helpers/core';
import { seeded } from '../helpers/seeded';
import { incidentTitle, noteStream, searchQueries } from './data';
import { benchDir, copyFixture, type Fixture } from './fixture';
import { benchTemp, call, runsSummary } from './harness';
import { result, type BenchResult } from './results';
import { nowMs, summarize } from './stats';
import type { Bench } from './suite';
import { serveFixture, api } from './webShell';

const FORMAT = 1; // bump when the generator changes
const DAY = 86_400_000;

interface DecadeSpec {
  name: string;
  incidents: number;
  notesPerIncident: number;
}

const full: DecadeSpec = { name: 'full', incidents: 1_000, notesPerIncident: 1_000 };
const quickSpec: DecadeSpec = { name: 'quick', incidents: 20, notesPerIncident: 500 };

async function decadeDb(spec: DecadeSpec): Promise<Fixture & { notes: number }> {
  const dir = join(benchDir, `decade-${spec.name}`);
  const metaFile = join(dir, 'meta.json');
  const key = { format: FORMAT, migrations: migrations.length, spec };
  const file = join(dir, DB_FILE_NAME);
  const notes = spec.incidents * spec.notesPerIncident;
  if (existsSync(metaFile) && existsSync(file)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { key: unknown; incidentIds: string[] };
    if (JSON.stringify(meta.key) === JSON.stringify(key))
      return {
        spec: { name: spec.name, incidents: spec.incidents, notes, bigNotes: 0 },
        file,
        bigIncidentId: meta.incidentIds.at(-1)!,
        incidentIds: meta.incidentIds,
        notes,
      };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(
    `  building the ${spec.name} decade database (${notes} notes in ${spec.incidents} incidents) in ${dir}…\n`,
  );
  const start = Date.UTC(2016, 0, 4, 8, 0, 0);
  const clock = fakeClock(start);
  const core = createCore({ dataDir: dir, clock });
  const r = seeded(1010);
  const ids = timeOrderedIds(clock);
  const next = noteStream(2026);
  const insert = core.db.prepare<[string, string, string, string, string, number]>(
    'INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const fill = core.db.transaction((incidentId: string, from: number) => {
    let at = from + 60_000;
    for (let k = 0; k < spec.notesPerIncident; k++) {
      at += 2_000 + Math.floor(r() * 20_000);
      clock.set(at);
      const { kind, body } = next();
      insert.run(ids.next(), incidentId, kind, body, 'me', at);
    }
  });
  const incidentIds: string[] = [];
  for (let i = 0; i < spec.incidents; i++) {
    const declaredAt = start + Math.floor((i * 3652 * DAY) / spec.incidents);
    clock.set(declaredAt);
    const inc = await call<Incident>(core, 'incidents.declare', { title: incidentTitle(r, i), hub: 'bench' });
    incidentIds.push(inc.id);
    fill(inc.id, declaredAt);
  }
  // The search index in one pass, and the indexer told every note is in it.
  core.db.exec(`INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');
    UPDATE search_index_state SET upto = (SELECT coalesce(max(seq), 0) FROM notes) WHERE name = 'notes';`);
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.db.exec('ANALYZE');
  core.close();
  writeFileSync(metaFile, JSON.stringify({ key, incidentIds }));
  return {
    spec: { name: spec.name, incidents: spec.incidents, notes, bigNotes: 0 },
    file,
    bigIncidentId: incidentIds.at(-1)!,
    incidentIds,
    notes,
  };
}

export const decadeBench: Bench = {
  name: 'decade',
  async run({ quick }): Promise<BenchResult[]> {
    const fx = await decadeDb(quick ? quickSpec : full);
    const bytesPerNote = statSync(fx.file).size / fx.notes;
    const dir = benchTemp('decade-');
    try {
      copyFixture(fx, dir.path);
      const core = createCore({ dataDir: dir.path });
      const search: number[] = [];
      const lists: number[] = [];
      try {
        const queries = searchQueries(quick ? 24 : 200);
        let found = 0;
        for (let round = -1; round < (quick ? 1 : 3); round++) {
          for (const text of queries) {
            const t = nowMs();
            const hits = await call<unknown[]>(core, 'search.query', { text });
            if (round >= 0) search.push(nowMs() - t);
            else found += hits.length;
          }
        }
        if (found === 0) throw new Error('search found nothing in the decade database: its index is not built');
        for (let i = -3; i < (quick ? 5 : 30); i++) {
          const t = nowMs();
          const list = await call<unknown[]>(core, 'incidents.list', {});
          if (i >= 0) lists.push(nowMs() - t);
          if (list.length < fx.spec.incidents) throw new Error(`incidents.list gave ${list.length}`);
        }
      } finally {
        core.close();
      }
      const starts: number[] = [];
      for (let run = -1; run < (quick ? 1 : 3); run++) {
        const t = nowMs();
        const s = await serveFixture(fx);
        const total = nowMs() - t;
        try {
          await api(s, 'incidents.list', {});
          if (run >= 0) starts.push(total - s.copyMs);
        } finally {
          await s.dispose();
        }
      }
      const ss = summarize(search);
      const ls = summarize(lists);
      const st = runsSummary(starts);
      const size = `${fx.spec.incidents} incidents, ${fx.notes} notes`;
      return [
        result('decade_search_p99_ms', ss.p99, 'ms', '<=', 20, {
          spread: `median ${ss.median.toFixed(2)} ms, max ${ss.max.toFixed(2)} ms, n=${ss.n} (${size})`,
        }),
        result('decade_serve_cold_start_ms', st.median, 'ms', '<=', 1000, { spread: st.spread }),
        result('decade_incidents_list_ms', ls.median, 'ms', '<=', 50, {
          spread: `p99 ${ls.p99.toFixed(2)} ms, n=${ls.n}`,
        }),
        result('decade_db_bytes_per_note', bytesPerNote, 'B', '<=', Infinity, {
          spread: `reported, not targeted: ${(statSync(fx.file).size / 1e6).toFixed(0)} MB for ${size}`,
        }),
      ];
    } finally {
      dir.cleanup();
    }
  },
};
