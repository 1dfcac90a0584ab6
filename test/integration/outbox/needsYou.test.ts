// Bounded uncertainty: a job whose arrival cannot be read is checked a few times with backoff, then needs the user;
// only its own order key waits behind it. outbox.resolve settles it; every other job of the incident keeps flowing.
import { afterEach, describe, expect, it } from 'vitest';
import { VendorError } from '../../../src/main/core/outbox/failures';
import { jobTransitions, type JobState } from '../../../src/shared/outbox';
import { outboxDispatchRepo } from '../../../src/main/core/db/repos/outboxDispatch';
import { call, outboxCore } from '../../helpers/outbox';

let t: ReturnType<typeof outboxCore>;
afterEach(() => t?.cleanup());

/** A Freshdesk reply whose answer is lost and whose follow-up lookup can never be read. */
function unreadable(o: ReturnType<typeof outboxCore>) {
  o.vendor.script = ['drop'];
  const real = o.vendor.reconcile.bind(o.vendor);
  const lookups: string[] = [];
  o.vendor.reconcile = async (job, ctx) => {
    if (job.kind !== 'freshdesk.reply') return real(job, ctx);
    lookups.push(job.id);
    throw new VendorError('malformed', 'conversation list: unexpected token < in JSON', { mayHaveApplied: false });
  };
  return lookups;
}

describe('an uncertain job is bounded and settled by the user', () => {
  const becomesNeedsYouWithin =
    'becomes needs_you within its deadline; the rest of the incident keeps flowing, only its own stream waits';
  it(becomesNeedsYouWithin, async () => {
    t = outboxCore();
    const inc = t.incident();
    const lookups = unreadable(t);
    const start = t.clock.now();
    const reply = t.enqueue(inc, 'freshdesk.reply', { body: 'We are on it' });
    const behind = t.enqueue(inc, 'freshdesk.addNote', { body: 'internal' }); // same ticket: must stay in order
    await t.core.dispatcher.runOnce();
    expect(t.job(reply).state).toBe('uncertain');
    // Meanwhile the other vendors' jobs of the incident go out.
    const slack = t.enqueue(inc, 'slack.postMessage', { text: 'update' });
    const pd = t.enqueue(inc, 'pagerduty.addNote', { content: 'note' });
    await t.drain();
    expect(t.job(reply)).toMatchObject({ state: 'needs_you', checks: 5, attempts: 1, nextAt: null });
    expect(t.job(reply).lastError).toMatch(/Freshdesk may or may not have it: 5 checks could not tell/);
    expect(lookups).toHaveLength(5);
    expect(t.clock.now() - start).toBeLessThanOrEqual(310_000); // the deadline: 10 + 20 + 40 + 80 + 160 s
    expect(t.vendor.requests).toBe(3); // the reply once, Slack, PagerDuty: never re-sent by itself
    expect([t.job(slack).state, t.job(pd).state]).toEqual(['sent', 'sent']);
    // The job behind it in the same stream waits, and says why.
    const listed = t.core.services.outbox.list({});
    expect(listed.find((j) => j.id === behind)).toMatchObject({
      state: 'queued',
      blockedBy: reply,
      reason: expect.stringMatching(/needs you/),
    });
    expect(t.core.services.outbox.status()).toMatchObject({ needsYou: 1, pending: 2 });
    // Nothing more happens by itself.
    t.clock.advance(3_600_000);
    expect(await t.core.dispatcher.runOnce()).toBe(0);
    expect(t.core.dispatcher.nextWakeAt()).toBeNull();
  });

  it('outbox.resolve mark_sent settles it without a request; the stream behind it goes on', async () => {
    t = outboxCore();
    const inc = t.incident();
    unreadable(t);
    const reply = t.enqueue(inc, 'freshdesk.reply', { body: 'We are on it' });
    const behind = t.enqueue(inc, 'freshdesk.addNote', { body: 'internal' });
    await t.drain();
    expect(t.job(reply).state).toBe('needs_you');
    const before = t.vendor.requests;
    const r = await call(t.core, 'outbox.resolve', { jobId: reply, choice: 'mark_sent' });
    expect(r).toMatchObject({ ok: true, value: { state: 'sent', lastError: null } });
    await t.drain();
    expect(t.job(behind).state).toBe('sent');
    expect(t.vendor.requests).toBe(before + 1); // only the note behind it
    expect(t.vendor.effects.get(`conn:${reply}`)).toBe(1);
  });

  it('outbox.resolve send_again sends it exactly once more', async () => {
    t = outboxCore();
    const inc = t.incident();
    unreadable(t);
    const reply = t.enqueue(inc, 'freshdesk.reply', { body: 'We are on it' });
    await t.drain();
    const before = t.vendor.requests;
    const r = await call(t.core, 'outbox.resolve', { jobId: reply, choice: 'send_again' });
    expect(r).toMatchObject({ ok: true, value: { state: 'queued', attempts: 0, checks: 0 } });
    await t.drain();
    expect(t.job(reply).state).toBe('sent');
    expect(t.vendor.requests).toBe(before + 1);
  });

  it('outbox.resolve discard drops it; a job that is not unsettled is refused', async () => {
    t = outboxCore();
    const inc = t.incident();
    unreadable(t);
    const reply = t.enqueue(inc, 'freshdesk.reply', { body: 'We are on it' });
    const behind = t.enqueue(inc, 'freshdesk.addNote', { body: 'internal' });
    await t.drain();
    expect(await call(t.core, 'outbox.resolve', { jobId: reply, choice: 'discard' })).toMatchObject({
      ok: true,
      value: { state: 'discarded' },
    });
    await t.drain();
    expect(t.job(behind).state).toBe('sent');
    for (const choice of ['mark_sent', 'send_again', 'discard'] as const) {
      const refused = await call(t.core, 'outbox.resolve', { jobId: behind, choice });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/only a job whose arrival is unknown/i) },
      });
    }
    expect(t.job(behind).state).toBe('sent');
    expect((await t.core.invoke('outbox.resolve', { jobId: reply, choice: 'forget' })).ok).toBe(false);
  });

  it('Retry on a needs_you job checks again at once, with a fresh set of checks', async () => {
    t = outboxCore();
    const inc = t.incident();
    unreadable(t);
    const reply = t.enqueue(inc, 'freshdesk.reply', { body: 'We are on it' });
    await t.drain();
    t.vendor.reconcile = async () => ({ status: 'done', result: { id: 9 } }); // the vendor is readable again
    expect(await call(t.core, 'outbox.retry', { jobId: reply })).toMatchObject({
      ok: true,
      value: { state: 'uncertain', checks: 0 },
    });
    await t.drain();
    expect(t.job(reply).state).toBe('sent');
    expect(t.vendor.requests).toBe(1);
  });

  const aVendorThatCannot =
    'a vendor that cannot be reached shows as unreachable in plain words, the raw error behind it, until it answers';
  it(aVendorThatCannot, async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.send = async () => ({
      status: 'failed',
      failure: { kind: 'network', message: 'fetch failed: other side closed (UND_ERR_SOCKET)', mayHaveApplied: false },
    });
    const a = t.enqueue(inc, 'slack.postMessage', { text: 'x' });
    await t.core.dispatcher.runOnce();
    const slack = t.core.services.outbox.status().vendors.find((v) => v.vendor === 'slack');
    expect(slack).toMatchObject({
      state: 'unreachable',
      reason: 'Slack cannot be reached (the connection failed). Conn keeps trying; nothing is lost.',
      detail: 'fetch failed: other side closed (UND_ERR_SOCKET)',
    });
    const row = t.core.services.outbox.list({}).find((j) => j.id === a)!;
    expect(row.reason).toBe('Slack cannot be reached (the connection failed). Conn keeps trying; nothing is lost.');
    expect(row.detail).toMatch(/UND_ERR_SOCKET/);
    t.vendor.send = async () => ({ status: 'done', result: {} });
    await t.drain();
    expect(t.core.services.outbox.status().vendors.find((v) => v.vendor === 'slack')).toMatchObject({
      state: 'ok',
      detail: null,
    });
  });

  it('user moves follow the table: each works from exactly the states it lists', async () => {
    t = outboxCore();
    const inc = t.incident();
    const repo = outboxDispatchRepo(t.core.db);
    const moves = {
      retry: repo.retry,
      discard: repo.discard,
      check_now: repo.checkNow,
      mark_sent: repo.markSent,
      send_again: repo.sendAgain,
      edit: (id: string, now: number) => repo.edit(id, { body: 'y' }, now),
    } as const;
    const states: JobState[] = ['queued', 'sending', 'retrying', 'uncertain', 'needs_you', 'sent', 'dead', 'discarded'];
    for (const [name, move] of Object.entries(moves) as Array<
      [keyof typeof moves, (id: string, now: number) => unknown]
    >) {
      for (const s of states) {
        const id = t.enqueue(inc, 'freshdesk.reply', { body: 'x' }, `k-${name}-${s}`);
        t.core.db.prepare('UPDATE outbox_jobs SET state = ? WHERE id = ?').run(s, id);
        const moved = move(id, t.clock.now()) as { state: string } | undefined;
        const allowed = (jobTransitions[name].from as readonly JobState[]).includes(s);
        expect(moved !== undefined, `${name} from ${s}`).toBe(allowed);
        if (moved) expect(moved.state, `${name} from ${s}`).toBe(jobTransitions[name].to);
      }
    }
  });
});
