import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeVendor, outboxCore, TOKENS } from '../../helpers/outbox';

let t: ReturnType<typeof outboxCore>;
afterEach(() => t?.cleanup());

describe('the outbox dispatcher', () => {
  it('claims a due job, sends it outside the transaction and settles it sent with the result', async () => {
    t = outboxCore();
    const inc = t.incident();
    const id = t.enqueue(inc, 'slack.createChannel', { name: 'inc-x', inviteUserIds: [] });
    const seen: string[] = [];
    t.core.bus.subscribe((name, p) => name === 'outbox.changed' && seen.push((p as { state: string }).state));
    expect(await t.core.dispatcher.runOnce()).toBe(1);
    const job = t.job(id);
    expect(job.state).toBe('sent');
    expect(job.attempts).toBe(1);
    expect(job.result).toMatchObject({ channelId: expect.stringMatching(/^C/) });
    expect(seen).toEqual(['sending', 'sent']);
    expect(await t.core.dispatcher.runOnce()).toBe(0);
  });

  it('keeps strict order per order key: the second job waits while the first retries', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['5xx'];
    const a = t.enqueue(inc, 'slack.postMessage', { text: 'one' });
    const b = t.enqueue(inc, 'slack.postMessage', { text: 'two' });
    const other = t.enqueue(inc, 'pagerduty.addNote', { content: 'pd' });
    await t.core.dispatcher.runOnce();
    expect(t.job(a).state).toBe('retrying');
    expect(t.job(b).state).toBe('queued'); // never overtakes a
    expect(t.job(other).state).toBe('sent'); // another stream is not held up
    await t.drain();
    expect(t.vendor.order.get(`slack:${inc}`)).toEqual([a, b]);
  });

  it('paces posts to one Slack channel about one per second', async () => {
    t = outboxCore();
    const inc = t.incident();
    const ids = [1, 2, 3].map((i) => t.enqueue(inc, 'slack.postMessage', { text: `m${i}` }));
    const start = t.clock.now();
    expect(await t.core.dispatcher.runOnce()).toBe(1);
    expect(await t.core.dispatcher.runOnce()).toBe(0); // the next one is paced, not sent at once
    expect(t.core.dispatcher.nextWakeAt()).toBe(start + 1000);
    await t.drain();
    expect(ids.map((id) => t.job(id).state)).toEqual(['sent', 'sent', 'sent']);
    expect(t.clock.now()).toBe(start + 2000);
  });

  it('a dead job blocks its successors with a reason; discarding it lets them go', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['invalid'];
    const a = t.enqueue(inc, 'slack.postMessage', { text: 'x'.repeat(10) });
    const b = t.enqueue(inc, 'slack.postMessage', { text: 'after' });
    await t.drain();
    expect(t.job(a).state).toBe('dead');
    expect(t.job(a).lastError).toMatch(/slack.postMessage: Refused: msg_too_long/);
    const listed = t.core.services.outbox.list({});
    expect(listed.find((j) => j.id === b)).toMatchObject({
      state: 'queued',
      blockedBy: a,
      reason: expect.stringMatching(/Blocked by a failed earlier job/),
    });
    t.core.services.outbox.discard({ jobId: a });
    await t.drain();
    expect(t.job(b).state).toBe('sent');
    expect(t.vendor.effects.size).toBe(1);
  });

  it('honours Retry-After: the job and its whole vendor wait, and the wait survives a restart', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['429'];
    const a = t.enqueue(inc, 'slack.postMessage', { text: 'a' });
    const start = t.clock.now();
    await t.core.dispatcher.runOnce();
    expect(t.job(a).state).toBe('retrying');
    const b = t.enqueue(inc, 'slack.createChannel', { name: 'other' }, 'slack:other-stream');
    t.clock.advance(6999);
    expect(await t.core.dispatcher.runOnce()).toBe(0); // the other Slack stream waits too
    // restart on the same data folder
    const dir = t.dataDir;
    t.core.close();
    t = outboxCore({ dataDir: dir, clock: t.clock, vendor: t.vendor });
    expect(await t.core.dispatcher.runOnce()).toBe(0);
    expect(t.core.dispatcher.nextWakeAt()).toBeGreaterThanOrEqual(start + 7000);
    t.clock.set(start + 7000);
    await t.drain();
    expect([t.job(a).state, t.job(b).state]).toEqual(['sent', 'sent']);
  });

  it('after a restart, jobs caught mid-send are reconciled, never sent twice', async () => {
    t = outboxCore();
    const inc = t.incident();
    const landed = t.enqueue(inc, 'slack.postMessage', { text: 'landed' }, 's1');
    const lost = t.enqueue(inc, 'pagerduty.addNote', { content: 'lost' }, 's2');
    // Send both, but "crash" before settling: the vendor applied the first and never saw the second.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const vendor = t.vendor;
    vendor.send = async (job, ctx) => {
      if (job.id === landed) vendor.apply(job, ctx.marker);
      await gate;
      // The old process's late answer must not settle anything (its lease was taken away).
      return { status: 'failed', failure: { kind: 'validation', message: 'stale' } };
    };
    const pass = t.core.dispatcher.runOnce();
    await new Promise((r) => setTimeout(r, 10));
    expect(t.job(landed).state).toBe('sending');
    const dir = t.dataDir;
    const clock = t.clock;
    const old = t;
    t = outboxCore({ dataDir: dir, clock, vendor: new FakeVendor(), connect: true });
    t.vendor.effects = vendor.effects;
    t.vendor.order = vendor.order;
    t.core.dispatcher.recover();
    expect(t.job(landed).state).toBe('uncertain');
    expect(t.job(lost).state).toBe('uncertain');
    release();
    await pass;
    expect(t.job(landed).state).toBe('uncertain');
    old.core.close();
    await t.drain();
    expect(t.job(landed).state).toBe('sent');
    expect(t.job(lost).state).toBe('sent');
    expect(t.vendor.effects.get(`conn:${landed}`)).toBe(1);
    expect(t.vendor.effects.get(`conn:${lost}`)).toBe(1);
  });

  it('a timeout after the request left is reconciled: apply-then-drop gives one effect', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['drop'];
    const a = t.enqueue(inc, 'freshdesk.reply', { body: 'We are on it' });
    await t.core.dispatcher.runOnce();
    expect(t.job(a).state).toBe('uncertain');
    await t.drain();
    expect(t.job(a).state).toBe('sent');
    expect(t.vendor.effects.get(`conn:${a}`)).toBe(1);
    expect(t.vendor.requests).toBe(1);
  });

  it('offline: nothing is attempted or counted; online again: all delivered in order', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.network.set(false);
    const ids = Array.from({ length: 5 }, (_, i) => t.enqueue(inc, 'pagerduty.addNote', { content: `n${i}` }));
    for (let i = 0; i < 3; i++) {
      expect(await t.core.dispatcher.runOnce()).toBe(0);
      t.clock.advance(3_600_000);
    }
    expect(t.vendor.requests).toBe(0);
    expect(ids.map((id) => t.job(id).attempts)).toEqual([0, 0, 0, 0, 0]);
    expect(t.core.services.outbox.status()).toMatchObject({ online: false, pending: 5 });
    t.network.set(true);
    await t.drain();
    expect(ids.map((id) => t.job(id).state)).toEqual(Array(5).fill('sent'));
    expect(t.vendor.order.get(`pagerduty:${inc}`)).toEqual(ids);
  });

  it('a network failure while the network drops is not counted against the job', async () => {
    t = outboxCore();
    const inc = t.incident();
    const a = t.enqueue(inc, 'pagerduty.addNote', { content: 'x' });
    t.vendor.send = async () => {
      t.network.set(false);
      return { status: 'failed', failure: { kind: 'network', message: 'ENETUNREACH', mayHaveApplied: false } };
    };
    await t.core.dispatcher.runOnce();
    expect(t.job(a)).toMatchObject({ state: 'retrying', attempts: 0, lastError: 'Waiting for the network.' });
  });

  it('a refused token pauses the whole vendor (jobs stay queued) and a new token resumes it', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['auth'];
    const a = t.enqueue(inc, 'slack.postMessage', { text: 'a' });
    const pd = t.enqueue(inc, 'pagerduty.addNote', { content: 'pd' });
    await t.drain();
    const b = t.enqueue(inc, 'slack.createChannel', { name: 'b' }, 'other');
    await t.drain();
    expect(t.job(a)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(t.job(b).state).toBe('queued');
    expect(t.job(pd).state).toBe('sent');
    const status = t.core.services.outbox.status();
    expect(status.vendors.find((v) => v.vendor === 'slack')).toMatchObject({
      state: 'reconnect',
      reason: expect.stringMatching(/token was refused/),
    });
    expect(t.core.services.outbox.list({}).find((j) => j.id === b)?.reason).toMatch(/token was refused/);
    t.core.services.integrations.save({
      vendor: 'slack',
      config: { channelPattern: 'inc-YYYYMMDD-<hub>' },
      token: `${TOKENS.slack}x`,
    });
    await t.drain();
    expect([t.job(a).state, t.job(b).state]).toEqual(['sent', 'sent']);
    expect(t.core.services.outbox.list({}).filter((j) => j.state === 'dead')).toEqual([]);
  });

  it('a vendor with no token is not attempted', async () => {
    t = outboxCore({ connect: false });
    const inc = t.incident();
    const a = t.enqueue(inc, 'slack.postMessage', { text: 'a' });
    expect(await t.core.dispatcher.runOnce()).toBe(0);
    expect(t.core.services.outbox.list({})[0]).toMatchObject({ id: a, reason: 'Slack is not connected yet.' });
  });

  const startWakesOnEnqueue =
    'start() wakes on enqueue via the bus, sleeps on the timer until due, and stop() waits for in-flight sends';
  it(startWakesOnEnqueue, async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['5xx'];
    let finish!: () => void;
    t.core.dispatcher.start();
    const a = t.enqueue(inc, 'pagerduty.addNote', { content: 'a' });
    t.core.bus.emit('timeline.appended', {
      id: 'x',
      incidentId: inc,
      at: '',
      source: 'note',
      kind: 'note',
      body: '',
      actor: null,
      refId: null,
      inReport: true,
      summary: null,
    });
    await vi.waitFor(() => expect(t.job(a).state).toBe('retrying'));
    const due = t.timer.nextAt();
    expect(due).toBe(Date.parse(t.job(a).nextAt!));
    const real = t.vendor.send.bind(t.vendor);
    t.vendor.send = async (job, ctx) => {
      await new Promise<void>((r) => (finish = r));
      return real(job, ctx);
    };
    t.clock.set(due!);
    t.timer.fire();
    await vi.waitFor(() => expect(t.job(a).state).toBe('sending'));
    let stopped = false;
    const stopping = t.core.dispatcher.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(t.job(a).state).toBe('sent');
  });
});
