// note_append_ratio / note_append_p99_ms: notes.append through the core vs a plain single-row insert, same pragmas.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createCore } from '../../src/main/core';
import type { Incident } from '../../src/shared/domain';
import { noteStream } from './data';
import { benchTemp, call, spreadOf } from './harness';
import { result, round, type BenchResult } from './results';
import { nowMs, summarize } from './stats';
import type { Bench } from './suite';

function plainDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE notes (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, incident_id TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL,
    author TEXT NOT NULL, created_at INTEGER NOT NULL, pinned INTEGER NOT NULL DEFAULT 0, edited_at INTEGER,
      client_id TEXT) STRICT`);
  const insert = db.prepare(
    'INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return { db, insert };
}

export const noteAppendBench: Bench = {
  name: 'note_append',
  async run({ quick }): Promise<BenchResult[]> {
    const n = quick ? 300 : 10_000;
    const warm = quick ? 30 : 300;
    const dir = benchTemp('append-');
    const core = createCore({ dataDir: dir.path });
    const plain = plainDb(join(dir.path, 'plain.sqlite'));
    try {
      const incidents: string[] = [];
      for (let i = 0; i < 5; i++)
        incidents.push(
          (await call<Incident>(core, 'incidents.declare', { title: `Hub ${i} cannot start servers` })).id,
        );
      const next = noteStream(99);
      const coreMs: number[] = [];
      const plainMs: number[] = [];
      let seq = 0;
      // The search index is filled by a batch on a timer after the appends (services/searchIndex.ts). Each round
      // yields to the event loop, as the app does between notes, so the batch runs outside the timed appends; the
      // yields are timed and added back in the amortized figure.
      let yieldMs = 0;
      // Interleaved so both see the same disk and CPU contention; the order alternates every round.
      for (let i = 0; i < warm + n; i++) {
        const { kind, body } = next();
        const incidentId = incidents[i % incidents.length]!;
        const viaCore = async () => {
          const t = nowMs();
          await call(core, 'notes.append', { incidentId, body, kind });
          return nowMs() - t;
        };
        const viaPlain = () => {
          const t = nowMs();
          plain.insert.run(`n${++seq}`, incidentId, kind, body, 'me', Date.now());
          return nowMs() - t;
        };
        let c: number;
        let p: number;
        if (i % 2 === 0) {
          c = await viaCore();
          p = viaPlain();
        } else {
          p = viaPlain();
          c = await viaCore();
        }
        const y = nowMs();
        await new Promise(setImmediate);
        if (i >= warm) {
          coreMs.push(c);
          plainMs.push(p);
          yieldMs += nowMs() - y;
        }
      }
      const f = nowMs();
      core.services.searchIndex.flush(); // the last batch, still waiting on its timer
      yieldMs += nowMs() - f;
      const sc = summarize(coreMs);
      const sp = summarize(plainMs);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const amortized = (sum(coreMs) + yieldMs) / n;
      return [
        result('note_append_ratio', sc.median / sp.median, 'x', '<=', 1.5, {
          baseline: round(sp.median),
          ratio: round(sc.median / sp.median),
          spread:
            `core median ${sc.median.toFixed(3)} ms ${spreadOf(sc)}; plain ${spreadOf(sp)}; ` +
            `amortized incl. batched indexing ${amortized.toFixed(3)} ms per note (mean, of which indexing and ` +
            `yields ${(yieldMs / n).toFixed(3)} ms; plain mean ${(sum(plainMs) / n).toFixed(3)} ms)`,
        }),
        result('note_append_p99_ms', sc.p99, 'ms', '<=', 5, {
          baseline: round(sp.p99),
          ratio: round(sc.p99 / sp.p99),
          spread: `p95 ${sc.p95.toFixed(3)} ms, max ${sc.max.toFixed(3)} ms; plain p99 ${sp.p99.toFixed(3)} ms`,
        }),
      ];
    } finally {
      core.close();
      plain.db.close();
      dir.cleanup();
    }
  },
};
