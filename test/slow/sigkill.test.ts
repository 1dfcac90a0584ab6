// RELIABILITY §6 D-2: a writer (a child appending shared notes through the core, printing ACK <id> after each
// answer) is SIGKILLed at random points at least 200 times. After every kill: integrity_check ok, no foreign-key
// violation, every acknowledged note present, and no note without its timeline entry and outbox job.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open';
import { tempDir } from '../helpers/tempDir';
import { seeded } from '../helpers/seeded';

const KILLS = Number(process.env.CONN_KILLS ?? 200);
const LANES = 2; // two writers on two data folders at once, to halve the wall time
const SEED = Number(process.env.CONN_KILL_SEED ?? 424242);
const bundle = join('out', 'slow', 'appendLoop.mjs');

beforeAll(() => {
  // Bundled once so each child starts in about a second instead of compiling TypeScript on every spawn.
  mkdirSync(join('out', 'slow'), { recursive: true });
  execFileSync('npx', [
    'esbuild',
    'test/fixtures/appendLoop.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--packages=external',
    `--outfile=${bundle}`,
    '--log-level=warning',
  ]);
});

interface KillPlan {
  /** Kill after this many acknowledgements (null: kill at `delayMs` after spawn, wherever it is). */
  afterAcks: number | null;
  delayMs: number;
}

/** Starts the writer and kills it per the plan. Resolves with every id it acknowledged. */
function runAndKill(dataDir: string, plan: KillPlan): Promise<{ acked: string[]; diedOnItsOwn: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buf = '';
    let err = '';
    let armed = false;
    const kill = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), plan.delayMs);
    };
    if (plan.afterAcks === null) kill();
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        const m = /^ACK (\S+)$/.exec(line);
        if (m) acked.push(m[1]!); // printed only after COMMIT: every one of them counts, even after the kill was sent
        if (
          plan.afterAcks !== null &&
          (line.startsWith('INCIDENT') ? 0 : acked.length) >= plan.afterAcks &&
          (m || line.startsWith('INCIDENT'))
        )
          kill();
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (_code, signal) =>
      resolve({ acked, diedOnItsOwn: signal === 'SIGKILL' ? null : err || 'exited' }),
    );
  });
}

function verify(dataDir: string, acked: Set<string>): { notes: number } {
  const db = openDatabase(join(dataDir, 'conn.sqlite'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const ids = new Set(db.prepare('SELECT id FROM notes').pluck().all() as string[]);
    const missing = [...acked].filter((id) => !ids.has(id));
    expect(missing, 'acknowledged notes missing after SIGKILL').toEqual([]);
    const orphans = db
      .prepare(
        `SELECT n.id FROM notes n
          WHERE NOT EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.ref_id = n.id)
             OR NOT EXISTS (SELECT 1 FROM timeline_entries t WHERE t.ref_id = n.id)`,
      )
      .all();
    expect(orphans, 'notes without their outbox job or timeline entry').toEqual([]);
    return { notes: ids.size };
  } finally {
    db.close();
  }
}

const dirs = Array.from({ length: LANES }, () => tempDir('conn-sigkill-'));
afterAll(() => dirs.forEach((d) => d.cleanup()));

describe(`SIGKILL at random points (${KILLS} kills)`, () => {
  it('never loses an acknowledged note, never leaves a half-written one, never corrupts the file', async () => {
    const rnd = seeded(SEED);
    const start = Date.now();
    const stats = { kills: 0, acked: 0, duringStartup: 0, zeroAck: 0 };
    const ackedPerLane = dirs.map(() => new Set<string>());
    const lane = async (i: number, runs: number) => {
      for (let r = 0; r < runs; r++) {
        const early = rnd() < 0.2;
        const plan: KillPlan = early
          ? { afterAcks: null, delayMs: Math.floor(rnd() * 900) }
          : { afterAcks: Math.floor(rnd() * 40), delayMs: Math.floor(rnd() * 12) };
        const { acked, diedOnItsOwn } = await runAndKill(dirs[i]!.path, plan);
        expect(diedOnItsOwn, 'the writer failed by itself (after an earlier kill?)').toBeNull();
        for (const id of acked) ackedPerLane[i]!.add(id);
        stats.kills++;
        stats.acked += acked.length;
        if (early) stats.duringStartup++;
        if (acked.length === 0) stats.zeroAck++;
        verify(dirs[i]!.path, ackedPerLane[i]!);
      }
    };
    await Promise.all(dirs.map((_, i) => lane(i, Math.ceil(KILLS / LANES))));
    const notes = dirs.map((d, i) => verify(d.path, ackedPerLane[i]!).notes);
    const summary = {
      ...stats,
      notesOnDisk: notes.reduce((a, b) => a + b, 0),
      seconds: Math.round((Date.now() - start) / 1000),
    };
    console.log(`D-2 SIGKILL: ${JSON.stringify(summary)}`);
    expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
    expect(stats.acked).toBeGreaterThan(KILLS * 5);
  }, 900_000);
});
