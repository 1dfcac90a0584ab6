// mixed_load_p99_ms / mixed_load_rss_growth_mb / mixed_load_worst_block_ms: the web shell (in this process, so its
// event loop and RSS can be watched) on an incident with 10,000 notes and 2,000 other entries, under 20 event-stream
// clients and 50 requests/s of mixed operations (notes, lists, search, report, timeline) for 60 s (quick: 5
// clients, 10/s, 3 s). The load runs in a child process (mixedLoadClients.ts), as a browser's tabs would.
// Every client must see every appended note exactly once; no request may fail.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { startWebShell } from '../../src/main/web/server';
import { collectGarbage } from './harness';
import type { FromChild, LoadOutcome, LoadPlan, ToChild } from './mixedLoadClients';
import { bigReportCore } from './report';
import { result, type BenchResult } from './results';
import { nowMs, summarize } from './stats';
import type { Bench } from './suite';

export const mixedLoadBench: Bench = {
  name: 'mixed_load',
  async run({ quick }): Promise<BenchResult[]> {
    const env = await bigReportCore(quick ? 500 : 10_000, quick ? 100 : 2_000, 'mixed-');
    // Time each operation's synchronous part inside the server (what holds its event loop), by operation name.
    const serverMs = new Map<string, number[]>();
    // What held the loop, to name the worst block's cause: operations of 20 ms or more, and garbage collections.
    const held: Array<{ at: number; ms: number; what: string }> = [];
    const gcKinds: Record<number, string> = { 1: 'minor GC', 2: 'major GC', 4: 'incremental GC', 8: 'weak callbacks' };
    const gcs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        // A GC entry's detail says its kind (Node's perf_hooks; not in this @types/node's PerformanceEntry).
        const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
        if (e.duration >= 5) held.push({ at: e.startTime, ms: e.duration, what: gcKinds[kind] ?? 'GC' });
      }
    });
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
      const took = nowMs() - t;
      if (took >= 20) held.push({ at: t, ms: took, what: op });
      list.push(took);
      serverMs.set(op, list);
      serverCpuMs.set(op, Math.max(serverCpuMs.get(op) ?? 0, (used.user + used.system) / 1000));
      return answer;
    };
    const shell = await startWebShell({ core: env.core, rendererDir: resolve('out', 'renderer'), port: 0 });
    const origin = `http://127.0.0.1:${shell.port}`;
    const plan: LoadPlan = {
      origin,
      token: shell.token,
      incidentId: env.incidentId,
      clients: quick ? 5 : 20,
      rate: quick ? 10 : 50,
      seconds: quick ? 3 : 60,
      warmSeconds: quick ? 1 : 5,
    };
    const child = fork(resolve('test/bench/mixedLoadClients.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const next = (want: FromChild['type']): Promise<FromChild> =>
      new Promise((res, rej) => {
        const onMsg = (msg: FromChild) => {
          child.off('exit', onExit);
          child.off('message', onMsg);
          if (msg.type === 'failed') rej(new Error(`the load process failed: ${msg.error}`));
          else if (msg.type !== want) rej(new Error(`the load process said ${msg.type}, expected ${want}`));
          else res(msg);
        };
        const onExit = (code: number | null) => rej(new Error(`the load process exited (${code}) before ${want}`));
        child.on('message', onMsg);
        child.once('exit', onExit);
      });
    const tell = (msg: ToChild) => child.send(msg);
    try {
      tell({ type: 'start', plan });
      await next('warmed');
      collectGarbage();
      serverMs.clear();
      serverCpuMs.clear();
      const rss0 = process.memoryUsage().rss / 1024 / 1024;
      const heap0 = process.memoryUsage().heapUsed / 1024 / 1024;
      let rssPeak = rss0;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 1024 / 1024)), 1000);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      held.length = 0;
      gcs.observe({ entryTypes: ['gc'] });
      const start = nowMs();
      const cpu0 = process.cpuUsage();
      tell({ type: 'go' });
      const done = await next('done');
      loop.disable();
      gcs.disconnect();
      const longest = [...held]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map((h) => `${h.what} ${h.ms.toFixed(0)} ms`)
        .join(', ');
      clearInterval(sampler);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 1024 / 1024);
      // How much of a core the server used: latency beyond that share is waiting for one.
      const cpuUsed = process.cpuUsage(cpu0);
      const cpuShare = (cpuUsed.user + cpuUsed.system) / 1000 / (nowMs() - start);
      const out = (done as { outcome: LoadOutcome }).outcome;
      const { latencies, slowest, errors, firstError, maxInFlight, missed, doubled } = out;
      collectGarbage();
      const after = process.memoryUsage();
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
            `over ${out.streams} streams × ${out.appended} notes; at most ${maxInFlight} requests in flight; ` +
            `the server used ${(cpuShare * 100).toFixed(0)}% of one core; load average ` +
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
            "the server's event-loop delay max (10 ms resolution; the clients run in their own process); " +
            `longest holds seen: ${longest || 'none of 20 ms or more'}; ` +
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
      child.kill();
      await shell.close();
      env.cleanup();
    }
  },
};
