import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testCore } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

/** Runs the append loop until `acks` notes were acknowledged, then SIGKILLs it at once. */
function runAndKill(dataDir: string, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/appendLoop.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buf = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        const m = /^ACK (\S+)$/.exec(line);
        if (m && !killed) {
          acked.push(m[1]!);
          if (acked.length >= acks) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited on its own: ${err}`));
    });
  });
}

describe('a note acknowledged as saved survives the process being killed', () => {
  it('keeps every acknowledged note, with its timeline entry and outbox job, after SIGKILL', async () => {
    for (const acks of [1, 7, 40]) {
      const dir = tempDir('conn-kill-');
      try {
        const acked = await runAndKill(dir.path, acks);
        expect(acked.length).toBe(acks);
        const t = testCore({ dataDir: dir.path });
        try {
          const db = t.core.db;
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(db.pragma('foreign_key_check')).toEqual([]);
          const ids = new Set(db.prepare('SELECT id FROM notes').pluck().all() as string[]);
          for (const id of acked) expect(ids.has(id), id).toBe(true);
          // No half-written business transaction: each note has exactly one entry and one job.
          const orphans = db
            .prepare(
              `SELECT n.id FROM notes n
                WHERE (SELECT count(*) FROM timeline_entries t WHERE t.ref_id = n.id) <> 1
                   OR (SELECT count(*) FROM outbox_jobs j WHERE j.ref_id = n.id) <> 1`,
            )
            .all();
          expect(orphans).toEqual([]);
          // The search index is filled in batches: the core's start indexed what the kill left out, exactly.
          expect(db.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'note'").pluck().get()).toBe(
            ids.size,
          );
          db.prepare("INSERT INTO notes_fts(notes_fts, rank) VALUES('integrity-check', 1)").run();
        } finally {
          t.cleanup();
        }
      } finally {
        dir.cleanup();
      }
    }
  });
});
