// Outbox test kit: a core with fake executors and a fake vendor that counts effects, a fake timer, enqueue helpers.
import type { OpInput, OpName, OpOutput } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { outboxRepo } from '../../src/main/core/db/repos/outbox';
import type {
  ExecContext,
  ExecOutcome,
  Executor,
  ExecutorRegistry,
  ReconcileOutcome,
} from '../../src/main/core/outbox/executors';
import { VendorError } from '../../src/main/core/outbox/failures';
import { manualNetwork, type Timer } from '../../src/main/core/outbox/ports';
import { memorySecretStore } from '../../src/main/core/secrets/store';
import { jobKinds, type JobKind, type JobPayload, type OutboxJob } from '../../src/shared/outbox';
import { fakeClock, type FakeClock } from './core';
import { tempDir } from './tempDir';

export type Answer = 'ok' | '429' | '5xx' | 'timeout' | 'drop' | 'invalid' | 'auth';

/** A vendor that records each effect by the job's marker, answering from a script (default ok). */
export class FakeVendor {
  effects = new Map<string, number>();
  /** Marker order in which effects landed, per order key. */
  order = new Map<string, string[]>();
  requests = 0;
  script: Answer[] = [];
  fallback: Answer = 'ok';
  channel = 0;

  answer(): Answer {
    return this.script.shift() ?? this.fallback;
  }

  apply(job: OutboxJob, marker: string) {
    this.effects.set(marker, (this.effects.get(marker) ?? 0) + 1);
    this.order.set(job.orderKey, [...(this.order.get(job.orderKey) ?? []), job.id]);
  }

  resultFor(job: OutboxJob): unknown {
    return job.kind === 'slack.createChannel'
      ? { channelId: `C${job.id.slice(-6)}`, name: 'inc' }
      : { ok: true, id: job.id };
  }

  async send(job: OutboxJob, ctx: ExecContext<JobKind>): Promise<ExecOutcome> {
    this.requests++;
    const a = this.answer();
    switch (a) {
      case 'ok':
        this.apply(job, ctx.marker);
        return { status: 'done', result: this.resultFor(job) };
      case 'drop':
        this.apply(job, ctx.marker);
        throw new VendorError('network', 'socket hang up', { mayHaveApplied: true });
      case 'timeout':
        throw new VendorError('timeout', 'no answer in 30 s');
      case '429':
        return {
          status: 'failed',
          failure: { kind: 'rate_limited', message: 'ratelimited', retryAfterMs: 7000, status: 429 },
        };
      case '5xx':
        return { status: 'failed', failure: { kind: 'server', message: 'internal error', status: 500 } };
      case 'invalid':
        return { status: 'failed', failure: { kind: 'validation', message: 'msg_too_long', status: 400 } };
      case 'auth':
        throw new VendorError('auth', 'token_revoked', { status: 401 });
    }
  }

  async reconcile(job: OutboxJob, ctx: ExecContext<JobKind>): Promise<ReconcileOutcome> {
    return this.effects.has(ctx.marker) ? { status: 'done', result: this.resultFor(job) } : { status: 'not_sent' };
  }

  executors(): ExecutorRegistry {
    const ex: Executor<JobKind> = { send: (j, c) => this.send(j, c), reconcile: (j, c) => this.reconcile(j, c) };
    return Object.fromEntries(jobKinds.map((k) => [k, ex])) as ExecutorRegistry;
  }
}

/** A timer driven by the fake clock: fire() runs whatever is due. */
export function fakeTimer(clock: FakeClock) {
  let seq = 0;
  const pending = new Map<number, { fn: () => void; at: number }>();
  const timer: Timer & { fire(): number; nextAt(): number | null; count(): number } = {
    set(fn, ms) {
      const id = ++seq;
      pending.set(id, { fn, at: clock.now() + ms });
      return id;
    },
    clear(h) {
      pending.delete(h as number);
    },
    fire() {
      let n = 0;
      for (const [id, t] of [...pending]) {
        if (t.at <= clock.now()) {
          pending.delete(id);
          t.fn();
          n++;
        }
      }
      return n;
    },
    nextAt() {
      const ats = [...pending.values()].map((t) => t.at);
      return ats.length ? Math.min(...ats) : null;
    },
    count: () => pending.size,
  };
  return timer;
}

export const TOKENS = {
  slack: 'xoxb-1111-2222-canarytoken',
  pagerduty: 'u+abcdefghijklmnopqr',
  freshdesk: 'abcdEFGH12345678',
  github: 'github_pat_canary_0000000000000000000001',
} as const;

export async function connectAll(core: Core) {
  const s = core.services.integrations;
  s.save({
    vendor: 'slack',
    config: { channelPattern: 'inc-YYYYMMDD-<hub>', defaultInvitees: [] },
    token: TOKENS.slack,
  });
  s.save({
    vendor: 'pagerduty',
    config: { fromEmail: 'ic@example.com', defaultServiceId: 'PABC123', region: 'us' },
    token: TOKENS.pagerduty,
  });
  s.save({ vendor: 'freshdesk', config: { domain: 'acme.freshdesk.com' }, token: TOKENS.freshdesk });
  s.save({ vendor: 'github', config: {}, token: TOKENS.github });
}

// Module-wide so ids keep increasing (creation order) across restarts on one data folder.
let jobSeq = 0;

export function outboxCore(
  opts: { dataDir?: string; clock?: FakeClock; vendor?: FakeVendor; connect?: boolean } & Partial<CoreOptions> = {},
) {
  const dir = opts.dataDir ? { path: opts.dataDir, cleanup() {} } : tempDir();
  const clock = opts.clock ?? fakeClock();
  const vendor = opts.vendor ?? new FakeVendor();
  const network = manualNetwork(true);
  const timer = fakeTimer(clock);
  const core = createCore({
    dataDir: dir.path,
    clock,
    secrets: memorySecretStore({ backend: 'keyring', strong: true }),
    vendors: { executors: () => vendor.executors() },
    network,
    timer,
    random: () => 0.5,
    ...opts,
  });
  if (opts.connect !== false) void connectAll(core);
  const enqueue = <K extends JobKind>(
    incidentId: string,
    kind: K,
    payload: JobPayload<K>,
    orderKey?: string,
  ): string => {
    const id = `job${String(++jobSeq).padStart(7, '0')}`;
    core.db
      .transaction(() => outboxRepo(core.db).enqueue({ id, incidentId, kind, payload, orderKey, at: clock.now() }))
      .immediate();
    return id;
  };
  return {
    core,
    clock,
    vendor,
    network,
    timer,
    dataDir: dir.path,
    enqueue,
    incident: (title = 'Servers will not start') => core.services.incidents.declare({ title, hub: 'uw' }).id,
    job: (id: string) => outboxRepo(core.db).get(id)!,
    /** Runs passes, advancing the clock to each next due time, until nothing is due. */
    async drain(maxPasses = 500) {
      for (let i = 0; i < maxPasses; i++) {
        const n = await core.dispatcher.runOnce();
        if (n > 0) continue;
        const next = core.dispatcher.nextWakeAt();
        if (next === null) return;
        clock.set(Math.max(clock.now(), next));
      }
      throw new Error('outbox did not drain');
    },
    cleanup() {
      core.close();
      dir.cleanup();
    },
  };
}

/** core.invoke with the contract's output type (invoke itself returns Result<unknown>). */
export const call = <K extends OpName>(core: Core, name: K, input: OpInput<K>) =>
  core.invoke(name, input) as Promise<Result<OpOutput<K>>>;
