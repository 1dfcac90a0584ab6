// The load of mixed_load, in a process of its own (forked by mixedLoad.ts): 20 event-stream clients and the paced
// requests. Apart, its parsing, timers and garbage collection do not land on the server's event loop or in its RSS,
// which is what the benchmark measures (the app's clients are browser tabs, never the server's own process).
// Protocol over IPC: parent sends `start`; child answers `warmed` after the warm-up; parent sends `go`; child
// answers `done` with what it measured.
import type { Note } from '../../src/shared/notes';
import { nowMs } from './stats';

export interface LoadPlan {
  origin: string;
  token: string;
  incidentId: string;
  clients: number;
  rate: number;
  seconds: number;
  warmSeconds: number;
}

export interface LoadOutcome {
  latencies: number[];
  /** Slowest latency by position in the mix. */
  slowest: number[];
  errors: number;
  firstError?: string;
  maxInFlight: number;
  appended: number;
  missed: number;
  doubled: number;
  streams: number;
}

export type ToChild = { type: 'start'; plan: LoadPlan } | { type: 'go' };
export type FromChild = { type: 'warmed' } | { type: 'done'; outcome: LoadOutcome } | { type: 'failed'; error: string };

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

const send = (msg: FromChild) => process.send?.(msg);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(plan: LoadPlan, go: Promise<void>): Promise<LoadOutcome> {
  const { origin, token, incidentId, rate } = plan;
  const clients = Array.from({ length: plan.clients }, () => eventClient(origin, token));
  const callOp = async (op: string, input: unknown): Promise<unknown> => {
    const res = await fetch(`${origin}/api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${op}: ${body.error?.message}`);
    return body.value;
  };
  let k = 0;
  const appended: string[] = [];
  const append = async () =>
    appended.push(((await callOp('notes.append', { incidentId, body: `load note ${k++}` })) as Note).id);
  // The mix (the slowest-by-op figures follow this order): a third notes.append, then lists, search, the report
  // and timeline pages.
  const mix: Array<() => Promise<unknown>> = [
    append,
    () => callOp('notes.list', { incidentId, limit: 100 }),
    () => callOp('incidents.list', {}),
    append,
    () => callOp('search.query', { text: 'OOMKilled' }),
    () => callOp('report.get', { incidentId }),
    append,
    () => callOp('timeline.list', { incidentId, limit: 200 }),
    () => callOp('report.timeline', { incidentId, limit: 200 }),
  ];
  try {
    await Promise.all(clients.map((c) => c.ready));
    // Warm-up: the same mix at the same rate, so statements, caches, the search index and the server's heap reach
    // their working size before the parent reads its RSS.
    const warm: Promise<unknown>[] = [];
    for (let i = 0; i < rate * plan.warmSeconds; i++) {
      warm.push(mix[i % mix.length]!());
      await sleep(1000 / rate);
    }
    await Promise.all(warm);
    send({ type: 'warmed' });
    await go;

    const latencies: number[] = [];
    const slowest: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const pending: Promise<void>[] = [];
    // Requests open at once: past the web shell's request cap (32) a new connection is reset, so errors under a slow
    // machine show here first.
    let inFlight = 0;
    let maxInFlight = 0;
    const start = nowMs();
    const total = rate * plan.seconds;
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / rate - nowMs();
      if (wait > 0) await sleep(wait);
      const t = nowMs();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push(
        mix[i % mix.length]!()
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
    }
    await Promise.all(pending);
    await sleep(500); // the last events reach the streams
    let missed = 0;
    let doubled = 0;
    for (const c of clients) {
      for (const id of appended) {
        const n = c.seen.get(id) ?? 0;
        if (n === 0) missed++;
        if (n > 1) doubled++;
      }
    }
    return {
      latencies,
      slowest,
      errors,
      firstError,
      maxInFlight,
      appended: appended.length,
      missed,
      doubled,
      streams: clients.length,
    };
  } finally {
    clients.forEach((c) => c.stop());
  }
}

let release!: () => void;
const go = new Promise<void>((r) => (release = r));
process.on('message', (msg: ToChild) => {
  if (msg.type === 'go') return release();
  run(msg.plan, go).then(
    (outcome) => send({ type: 'done', outcome }),
    (err: unknown) => send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
