// decade_*: a decade of incidents — 1,000 incidents and 1,000,000 notes (quick: 20 and 10,000), generated once and
// cached under out/bench/decade-<size>/: incidents through incidents.declare / setStatus, notes as plain INSERTs in
// ~100,000-note transactions, then the search index filled the way the app fills it (searchIndex repo), in a few
// minutes. Measures search.query's p99,
// `npm run serve`'s cold start on it, incidents.list, and the database's bytes per note.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, DB_FILE_NAME } from '../../src/main/core';
import { migrations } from '../../src/main/core/db/migrations';
import { timeOrderedIds } from '../../src/main/core/ids';
import { searchIndexRepo } from '../../src/main/core/db/repos/searchIndex';
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

const FORMAT = 2; // bump when the generator changes
const DAY = 86_400_000;
const AUTHORS = [
  'Yuvi Panda',
  'Georgiana Dolocan',
  'Erik Sundell',
  'Sarah Gibson',
  'Jenny Wong',
  'Pris Nasrat',
  'Chris Holdgraf',
  'Damián Avila',
  'Alice Jansen',
  'Bob Okafor',
  'Chen Wei',
  'Dana Fischer',
  'me',
];

interface DecadeSpec {
  name: string;
  incidents: number;
  notesPerIncident: number;
}

const full: DecadeSpec = { name: 'full', incidents: 1_000, notesPerIncident: 1_000 };
const quickSpec: DecadeSpec = { name: 'quick', incidents: 20, notesPerIncident: 500 };

async function decadeDb(spec: DecadeSpec): Promise<Fixture & { notes: number; buildS: number }> {
  const dir = join(benchDir, `decade-${spec.name}`);
  const metaFile = join(dir, 'meta.json');
  const key = { format: FORMAT, migrations: migrations.length, spec };
  const file = join(dir, DB_FILE_NAME);
  const notes = spec.incidents * spec.notesPerIncident;
  if (existsSync(metaFile) && existsSync(file)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { key: unknown; incidentIds: string[]; buildS: number };
    if (JSON.stringify(meta.key) === JSON.stringify(key))
      return {
        spec: { name: spec.name, incidents: spec.incidents, notes, bigNotes: 0 },
        file,
        bigIncidentId: meta.incidentIds.at(-1)!,
        incidentIds: meta.incidentIds,
        notes,
        buildS: meta.buildS,
      };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(
    `  building the ${spec.name} decade database (${notes} notes in ${spec.incidents} incidents) in ${dir}…\n`,
  );
  const began = nowMs();
  const start = Date.UTC(2016, 0, 4, 8, 0, 0);
  const clock = fakeClock(start);
  // Through createCore: the real migrations, so the schema, indexes and triggers are the app's own.
  const core = createCore({ dataDir: dir, clock });
  const r = seeded(1010);
  const ids = timeOrderedIds(clock);
  const next = noteStream(2026);
  // The incidents through the app's own operation (roles, checklist, timeline events), spread over ten years; most
  // of them long closed, as in a real register.
  const incidentIds: string[] = [];
  const declaredAt: number[] = [];
  for (let i = 0; i < spec.incidents; i++) {
    const at = start + Math.floor((i * 3652 * DAY) / spec.incidents) + Math.floor(r() * 12 * 3_600_000);
    clock.set(at);
    const inc = await call<Incident>(core, 'incidents.declare', { title: incidentTitle(r, i), hub: 'bench' });
    incidentIds.push(inc.id);
    declaredAt.push(at);
  }
  // The notes: plain INSERTs into the real notes table, many incidents per transaction (one commit per ~100,000
  // notes instead of one per incident), with the app's kinds and bodies and a team's worth of authors.
  const insert = core.db.prepare<[string, string, string, string, string, number]>(
    'INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // Incidents differ: from a few dozen notes to several thousand (a long outage), summing to the spec's total.
  const weights = incidentIds.map(() => 0.2 + r() * r() * 4);
  const sum = weights.reduce((a, w) => a + w, 0);
  const counts = weights.map((w) => Math.floor((notes * w) / sum));
  counts[counts.length - 1]! += notes - counts.reduce((a, n) => a + n, 0);
  const lastNoteAt: number[] = [];
  const fill = core.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let at = declaredAt[i]! + 60_000;
      // Each incident has its own few people writing.
      const team = Array.from({ length: 2 + Math.floor(r() * 4) }, () => AUTHORS[Math.floor(r() * AUTHORS.length)]!);
      for (let k = 0; k < counts[i]!; k++) {
        at += 2_000 + Math.floor(r() * 20_000);
        clock.set(at);
        const { kind, body } = next();
        insert.run(ids.next(), incidentIds[i]!, kind, body, team[Math.floor(r() * team.length)]!, at);
      }
      lastNoteAt.push(at);
    }
  });
  const perTx = Math.max(1, Math.floor(100_000 / spec.notesPerIncident));
  for (let i = 0; i < spec.incidents; i += perTx) {
    fill(i, Math.min(spec.incidents, i + perTx));
    if (spec.incidents > 100) process.stdout.write(`  … ${Math.min(spec.incidents, i + perTx)} incidents filled\n`);
  }
  const notesMs = nowMs() - began;
  // The search index the way the app fills it (services/searchIndex.ts: INSERT … SELECT past search_index_state.upto),
  // in big transactions instead of its 500-note chunks.
  const index = searchIndexRepo(core.db);
  const indexChunk = core.db.transaction(() => index.indexNext(200_000));
  while (indexChunk.immediate() > 0);
  const indexMs = nowMs() - began - notesMs;
  // All but the newest incidents closed, a few hours after their last note.
  for (let i = 0; i < spec.incidents - Math.min(5, spec.incidents); i++) {
    clock.set(lastNoteAt[i]! + 3 * 3_600_000);
    await call(core, 'incidents.setStatus', { incidentId: incidentIds[i]!, status: 'closed' });
  }
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  core.db.exec('ANALYZE');
  core.close();
  const buildS = (nowMs() - began) / 1000;
  process.stdout.write(
    `  built in ${buildS.toFixed(0)} s (notes ${(notesMs / 1000).toFixed(0)} s, search index ` +
      `${(indexMs / 1000).toFixed(0)} s): ${(statSync(file).size / 1e6).toFixed(0)} MB\n`,
  );
  writeFileSync(metaFile, JSON.stringify({ key, incidentIds, buildS }));
  return {
    spec: { name: spec.name, incidents: spec.incidents, notes, bigNotes: 0 },
    file,
    bigIncidentId: incidentIds.at(-1)!,
    incidentIds,
    notes,
    buildS,
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
            const { hits } = await call<{ hits: unknown[] }>(core, 'search.query', { text });
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
        // The 840 MB copy flushed first: its write-back is not part of the app's start.
        const s = await serveFixture(fx, { sync: true });
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
          spread:
            `reported, not targeted: ${(statSync(fx.file).size / 1e6).toFixed(0)} MB for ${size}, generated in ` +
            `${fx.buildS.toFixed(0)} s (cached)`,
        }),
      ];
    } finally {
      dir.cleanup();
    }
  },
};
