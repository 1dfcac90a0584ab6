// Model-based property test: random enqueues, dispatch passes, vendor answers, crashes mid-send, restarts and
// network drops. Invariants: at most one effect per job; every job ends sent, dead, or blocked behind a dead
// job; within an order key the effects land in creation order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '../../../src/shared/outbox';
import { connectAll, FakeVendor, outboxCore, type Answer } from '../../helpers/outbox';
import { fakeClock } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

type Cmd =
  | { t: 'enqueue'; stream: number; kind: JobKind }
  | { t: 'dispatch' }
  | { t: 'answer'; a: Answer }
  | { t: 'crashMidSend' }
  | { t: 'restart' }
  | { t: 'network'; online: boolean }
  | { t: 'advance'; ms: number };

const kinds: JobKind[] = [
  'slack.postMessage',
  'pagerduty.addNote',
  'freshdesk.reply',
  'freshdesk.createTicket',
  'github.publishReport',
  'github.createIssue',
];
const GITHUB_TOKEN = 'github_pat_model01_model000000000000000000001';
const publishPayload = {
  repo: '2i2c-org/incident-reports',
  branch: 'conn/model',
  title: 'Incident report',
  body: 'x',
  message: 'Publish the report',
  files: [{ path: 'reports/x.md', localFile: '/nonexistent/x.md', sha: '0'.repeat(40), bytes: 1 }],
};
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('enqueue' as const),
      stream: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom(...kinds),
    }),
  },
  { weight: 4, arbitrary: fc.constant({ t: 'dispatch' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('answer' as const),
      a: fc.constantFrom<Answer>('ok', '429', '5xx', 'timeout', 'drop', 'invalid', 'auth'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'crashMidSend' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('network' as const), online: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 600_000 }) }) },
);

async function run(cmds: Cmd[]) {
  const dir = tempDir();
  const clock = fakeClock();
  const vendor = new FakeVendor();
  // GitHub is connected too (the fake vendor answers for every kind).
  const open = () => {
    const o = outboxCore({ dataDir: dir.path, clock, vendor });
    o.core.services.integrations.save({ vendor: 'github', config: {}, token: GITHUB_TOKEN });
    return o;
  };
  let t = open();
  const abandoned: Array<ReturnType<typeof outboxCore>> = [];
  const restart = () => {
    abandoned.push(t);
    t = open();
    t.core.dispatcher.recover();
  };
  const incident = t.incident();
  const created: string[] = [];
  try {
    for (const c of cmds) {
      switch (c.t) {
        case 'enqueue':
          created.push(
            t.enqueue(
              incident,
              c.kind,
              c.kind === 'slack.postMessage'
                ? { text: 'x' }
                : c.kind === 'pagerduty.addNote'
                  ? { content: 'x' }
                  : c.kind === 'freshdesk.createTicket'
                    ? { community: 'c', email: 'c@example.org', subject: 's', body: 'x' }
                    : c.kind === 'github.publishReport'
                      ? publishPayload
                      : c.kind === 'github.createIssue'
                        ? { actionItemId: 'a1', repo: 'o/r', title: 't', body: 'x' }
                        : { body: 'x' },
              `stream${c.stream}`,
            ),
          );
          break;
        case 'dispatch':
          await t.core.dispatcher.runOnce();
          break;
        case 'answer':
          vendor.script.push(c.a);
          break;
        case 'crashMidSend': {
          // The process dies while requests are out: each may or may not have landed; no answer is ever settled.
          const real = vendor.send.bind(vendor);
          vendor.send = async (job, ctx) => {
            const a = vendor.answer();
            if (a === 'ok' || a === 'drop') vendor.apply(job, ctx.marker);
            return new Promise(() => {});
          };
          void t.core.dispatcher.runOnce();
          await new Promise((r) => setImmediate(r));
          vendor.send = real;
          restart();
          break;
        }
        case 'restart':
          restart();
          break;
        case 'network':
          t.network.set(c.online);
          break;
        case 'advance':
          clock.advance(c.ms);
          break;
      }
    }
    // Quiet ending: the network is back, the vendor answers ok, tokens are (re)entered; drain.
    vendor.script = [];
    vendor.fallback = 'ok';
    restart();
    connectAll(t.core);
    await t.drain(2000);

    const jobs = t.core.services.outbox.list({});
    for (const [marker, n] of vendor.effects) expect(n, marker).toBe(1);
    for (const j of jobs) {
      const ok = j.state === 'sent' || j.state === 'dead' || (j.state === 'queued' && j.blockedBy !== null);
      expect(ok, `${j.id} ended ${j.state} (${j.reason})`).toBe(true);
      expect(vendor.effects.has(`conn:${j.id}`)).toBe(j.state === 'sent');
    }
    expect(jobs.map((j) => j.id).sort()).toEqual([...created].sort());
    for (const s of [0, 1, 2]) {
      const key = `stream${s}`;
      const sentInOrder = jobs.filter((j) => j.orderKey === key && j.state === 'sent').map((j) => j.id);
      expect(vendor.order.get(key) ?? []).toEqual(sentInOrder);
    }
  } finally {
    for (const a of abandoned) a.core.close();
    t.core.close();
    dir.cleanup();
  }
}

describe('outbox model', () => {
  it('keeps its invariants over random histories of failures, crashes and restarts', async () => {
    await fc.assert(fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 40 }), run), { numRuns: 60 });
  }, 240_000); // 60 histories of real databases on disk: about 20 s alone, several times that on a loaded machine
});
