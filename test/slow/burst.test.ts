// RELIABILITY §6 L-4 / issue 9 "Load": 1,000 notes in 10 seconds through the web shell (HTTP, like pasted logs and
// fast typing), with synchronous=FULL. Asserts no loss (every acknowledged note on disk with its outbox job, every
// one announced on the event stream) and the server process's event-loop delay p99 under 100 ms.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/open';
import { tempDir } from '../helpers/tempDir';

const NOTES = 1000;
const SECONDS = 10;
const dir = tempDir('conn-burst-');
let child: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  dir.cleanup();
});

function lines(proc: ChildProcessWithoutNullStreams, onLine: (l: string) => void) {
  let buf = '';
  proc.stdout.on('data', (c: Buffer) => {
    buf += c.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    parts.forEach(onLine);
  });
}

describe(`a burst of ${NOTES} notes in ${SECONDS} s through the web shell`, () => {
  it('loses nothing and keeps the server event loop responsive', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'test/slow/fixtures/burstServer.ts', dir.path], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const waiters: Array<(l: string) => boolean> = [];
    lines(child, (l) => {
      const i = waiters.findIndex((w) => w(l));
      if (i >= 0) waiters.splice(i, 1);
    });
    const next = (prefix: string) =>
      new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${prefix} line: ${stderr}`)), 60_000);
        waiters.push((l) =>
          l.startsWith(prefix) ? (clearTimeout(t), resolve(l.slice(prefix.length + 1)), true) : false,
        );
      });
    const [port, token, incidentId] = (await next('READY')).split(' ') as [string, string, string];
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // The renderer's view: the event stream.
    let appended = 0;
    const sse = request(
      { host: '127.0.0.1', port: Number(port), path: '/api/events', headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.on('data', (c: Buffer) => (appended += (c.toString().match(/"name":"notes\.appended"/g) ?? []).length));
      },
    );
    sse.end();

    const post = (body: unknown) =>
      new Promise<{ status: number; json: { ok: boolean; value?: { id: string } } }>((resolve, reject) => {
        const data = JSON.stringify(body);
        const req = request(
          {
            host: '127.0.0.1',
            port: Number(port),
            method: 'POST',
            path: '/api/notes.append',
            agent,
            headers: { ...headers, 'content-length': Buffer.byteLength(data) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
            );
          },
        );
        req.on('error', reject);
        req.end(data);
      });

    child.stdin.write('reset\n'); // measure the burst, not start-up
    const acked: string[] = [];
    const latencies: number[] = [];
    const failures: string[] = [];
    const start = Date.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < NOTES; i++) {
      const due = start + (i * SECONDS * 1000) / NOTES;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const body =
        i % 10 === 9
          ? `pasted log ${i}\n${'2026-09-26T10:00:00Z ERROR spawn failed: timeout\n'.repeat(200)}`
          : `note ${i} ✓ 🚒`;
      const t0 = Date.now();
      sends.push(
        post({ incidentId, body, kind: i % 3 ? 'note' : 'finding', share: { slack: true } }).then((r) => {
          latencies.push(Date.now() - t0);
          if (r.status === 200 && r.json.ok && r.json.value) acked.push(r.json.value.id);
          else failures.push(JSON.stringify(r.json).slice(0, 200));
        }),
      );
    }
    await Promise.all(sends);
    const elapsed = Date.now() - start;
    await new Promise((r) => setTimeout(r, 300)); // let the last events arrive
    child.stdin.write('stop\n');
    const stats = JSON.parse(await next('STATS')) as { p50: number; p99: number; max: number; samples: number };
    await new Promise((r) => child!.once('exit', r));
    sse.destroy();
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const ack = {
      p50: latencies[Math.floor(latencies.length * 0.5)],
      p99: latencies[Math.floor(latencies.length * 0.99)],
      max: latencies.at(-1),
    };
    const summary = {
      notes: NOTES,
      acked: acked.length,
      seconds: elapsed / 1000,
      ackLatencyMs: ack,
      eventLoopMs: stats,
      sseAppended: appended,
    };
    console.log(`L-4 burst: ${JSON.stringify(summary)}`);

    expect(failures).toEqual([]);
    expect(acked).toHaveLength(NOTES);
    expect(new Set(acked).size).toBe(NOTES);
    expect(appended).toBe(NOTES);
    const db = openDatabase(join(dir.path, 'conn.sqlite'));
    try {
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      const onDisk = new Set(db.prepare('SELECT id FROM notes').pluck().all() as string[]);
      expect(acked.filter((id) => !onDisk.has(id))).toEqual([]);
      expect(db.prepare("SELECT count(*) FROM outbox_jobs WHERE ref_type = 'note'").pluck().get()).toBe(NOTES);
    } finally {
      db.close();
    }
    expect(stats.p99).toBeLessThan(100);
  }, 120_000);
});
