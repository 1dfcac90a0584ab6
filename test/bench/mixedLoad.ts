// mixed_load_p99_ms / mixed_load_rss_growth_mb / mixed_load_worst_block_ms: the web shell (in this process, so its
// event loop can be watched) on an incident with 10,000 notes and 2,000 other entries, 20 event-stream clients
// and 50 requests/s of mixed operations (notes, lists, search, report, timeline) for 60 s (quick: 50 and 10, 3 s).
// Every client must see every appended note exactly once; no request may fail.
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { startWebShell } from '../../src/main/web/server';
import type { Note } from '../../src/shared/notes';
import { collectGarbage } from './harness';
import { bigReportCore } from './report';
import { result, type BenchResult } from './results';
import { nowMs, summarize } from './stats';
import type { Bench } from './suite';

interface Client {
  seen: Map<string, number>;
  stop(): void;
  ready: Promise<void>;
}

/** An event-stream client counting notes.appended events by note id. */
function eventClient(origin: string, token: string): Client {
  const seen = new Map<string, number>();
  const ctl = new AbortController();
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  void (async () => {
    try {
      const res = await fetch(`${origin}/api/events`, {
        headers: { authorization: `Bearer ${token}` },
        signal: ctl.signal,
      });
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        if (buf.includes(': connected')) onReady();
        let end: number;
        while ((end = buf.indexOf('\n\n')) !== -1) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const ev = JSON.parse(data.slice(6)) as { name: string; payload: { id?: string } };
          if (ev.name === 'notes.appended' && ev.payload.id)
            seen.set(ev.payload.id, (seen.get(ev.payload.id) ?? 0) + 1);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return { seen, ready, stop: () => ctl.abort() };
}

export const mixedLoadBench: Bench = {
  name: 'mixed_load',
  async run({ quick }): Promise<BenchResult[]> {
    const env = await bigReportCore(quick ? 500 : 10_000, quick ? 100 : 2_000, 'mixed-');
    // Time each operation's synchronous part inside the server (what holds its event loop), by operation name.
    const serverMs = new Map<string, number[]>();
    const invoke = env.core.invoke.bind(env.core);
    // Its CPU time beside it: a wall time far above the CPU time is the process waiting (an fsync, other processes
    // on the same cores), not work to chunk.
    const serverCpuMs = new Map<string, number>();
    env.core.invoke = (op, input) => {
      const t = nowMs();
      const cpu = process.cpuUsage();
      const answer = invoke(op, input);
      const used = process.cpuUsage(cpu);
      const list = serverMs.get(op) ?? [];
      list.push(nowMs() - t);
      serverMs.set(op, list);
      serverCpuMs.set(op, Math.max(serverCpuMs.get(op) ?? 0, (used.user + used.system) / 1000));
      return answer;
    };
    const shell = await startWebShell({ core: env.core, rendererDir: resolve('out', 'renderer'), port: 0 });
    const origin = `http://127.0.0.1:${shell.port}`;
    const clients = Array.from({ length: quick ? 5 : 20 }, () => eventClient(origin, shell.token));
    const rate = quick ? 10 : 50;
    const seconds = quick ? 3 : 60;
    const incidentId = env.incidentId;
    const callOp = async (op: string, input: unknown): Promise<unknown> => {
      const res = await fetch(`${origin}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shell.token}` },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${op}: ${body.error?.message}`);
      return body.value;
    };
    let k = 0;
    const appended: string[] = [];
    // The mix (slowest-by-op in the spread follows this order): a third notes.append, then lists, search, the report
    // and timeline pages.
    const mix: Array<() => Promise<unknown>> = [
      async () => appended.push(((await callOp('notes.append', { incidentId, body: `load note ${k++}` })) as Note).id),
      () => callOp('notes.list', { incidentId, limit: 100 }),
      () => callOp('incidents.list', {}),
      async () => appended.push(((await callOp('notes.append', { incidentId, body: `load note ${k++}` })) as Note).id),
      () => callOp('search.query', { text: 'OOMKilled' }),
      () => callOp('report.get', { incidentId }),
      async () => appended.push(((await callOp('notes.append', { incidentId, body: `load note ${k++}` })) as Note).id),
      () => callOp('timeline.list', { incidentId, limit: 200 }),
      () => callOp('report.timeline', { incidentId, limit: 200 }),
    ];
    try {
      await Promise.all(clients.map((c) => c.ready));
      // Warm-up: the same mix at the same rate for a few seconds, so statements, caches, the search index and the
      // heap reach their working size before RSS is read (20 calls one at a time left the heap's growth to the run).
      const warm: Promise<unknown>[] = [];
      for (let i = 0; i < rate * (quick ? 1 : 5); i++) {
        warm.push(mix[i % mix.length]!());
        await new Promise((r) => setTimeout(r, 1000 / rate));
      }
      await Promise.all(warm);
      collectGarbage();
      serverMs.clear();
      serverCpuMs.clear();
      const rss0 = process.memoryUsage().rss / 1024 / 1024;
      const heap0 = process.memoryUsage().heapUsed / 1024 / 1024;
      let rssPeak = rss0;
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const latencies: number[] = [];
      let errors = 0;
      let firstError: string | undefined;
      const slowest: number[] = [];
      const pending: Promise<void>[] = [];
      // Requests open at once: past the web shell's request cap (32) a new connection is reset, so errors under a slow
      // machine show here first.
      let inFlight = 0;
      let maxInFlight = 0;
      const start = nowMs();
      const cpu0 = process.cpuUsage();
      const total = rate * seconds;
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - nowMs();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const op = mix[i % mix.length]!;
        const t = nowMs();
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        pending.push(
          op()
            .finally(() => inFlight--)
            .then(
              () => {
                const ms = nowMs() - t;
                latencies.push(ms);
                slowest[i % mix.length] = Math.max(slowest[i % mix.length] ?? 0, ms);
              },
              (err: unknown) => {
                errors++;
                firstError ??= err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err);
              },
            ),
        );
        if (i % rate === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 1024 / 1024);
      }
      await Promise.all(pending);
      loop.disable();
      // How much of a core the whole process (server, clients, GC) used: latency beyond that share is waiting for one.
      const cpuUsed = process.cpuUsage(cpu0);
      const cpuShare = (cpuUsed.user + cpuUsed.system) / 1000 / (nowMs() - start);
      await new Promise((r) => setTimeout(r, 500)); // the last events reach the streams
      collectGarbage();
      const after = process.memoryUsage();
      let missed = 0;
      let doubled = 0;
      for (const c of clients) {
        for (const id of appended) {
          const n = c.seen.get(id) ?? 0;
          if (n === 0) missed++;
          if (n > 1) doubled++;
        }
      }
      const s = summarize(latencies);
      const worstBlock = loop.max / 1e6;
      const growth = rssPeak - rss0;
      const clean = errors === 0 && missed === 0 && doubled === 0;
      return [
        result('mixed_load_p99_ms', s.p99, 'ms', '<=', 50, {
          pass: s.p99 <= 50 && clean,
          spread:
            `median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms, n=${s.n}; ${errors} errors, ` +
            `${missed} missed and ${doubled} doubled events ` +
            `over ${clients.length} streams × ${appended.length} notes; at most ${maxInFlight} requests in flight; ` +
            `the process used ${(cpuShare * 100).toFixed(0)}% of one core; load average ` +
            `${loadavg()
              .map((l) => l.toFixed(1))
              .join(' ')}; ` +
            `slowest by op ${slowest.map((v) => v.toFixed(0)).join('/')} ms` +
            (firstError ? `; first error: ${firstError}` : ''),
        }),
        result('mixed_load_rss_growth_mb', growth, 'MB', '<=', 50, {
          spread:
            `RSS ${rss0.toFixed(0)} → peak ${rssPeak.toFixed(0)} MB, ` +
            `${(after.rss / 1024 / 1024).toFixed(0)} MB after ` +
            `a GC; live heap ${heap0.toFixed(0)} → ${(after.heapUsed / 1024 / 1024).toFixed(0)} MB of ` +
            `${(after.heapTotal / 1024 / 1024).toFixed(0)} MB held by V8, external ` +
            `${(after.external / 1024 / 1024).toFixed(0)} MB`,
        }),
        result('mixed_load_worst_block_ms', worstBlock, 'ms', '<=', 50, {
          spread:
            'event-loop delay max (10 ms resolution; this process also runs the clients); ' +
            `p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms; synchronous time in the server, p99/max (max CPU) ` +
            'by op ' +
            [...serverMs]
              .map(([op, ms]) => {
                const o = summarize(ms);
                return `${op} ${o.p99.toFixed(0)}/${o.max.toFixed(0)} (${(serverCpuMs.get(op) ?? 0).toFixed(0)})`;
              })
              .join(', ') +
            ' ms',
        }),
      ];
    } finally {
      clients.forEach((c) => c.stop());
      await shell.close();
      env.cleanup();
    }
  },
};
