import { describe, expect, it } from 'vitest';
import { call, failure, timelineOf } from '../helpers/call';
import { cleanAfterEach, testCore } from '../helpers/core';

describe('declaring and the incident lifecycle', () => {
  const core = cleanAfterEach(testCore);

  it('records classification answers and the verdict; a support ticket can still be declared', async () => {
    const t = core();
    const inc = await call(t.core, 'incidents.declare', {
      title: 'Two users locked out',
      classification: { cannot_log_in: true, cannot_run_code: false },
    });
    expect(inc.classification).toEqual({
      answers: { cannot_log_in: true, cannot_run_code: false },
      verdict: 'incident',
    });
    const ticket = await call(t.core, 'incidents.declare', {
      title: 'One user slow',
      classification: { cannot_log_in: false },
    });
    expect(ticket.classification?.verdict).toBe('support_ticket');
    expect(timelineOf(t.core, ticket.id).map((e) => e.kind)).toEqual(['declared', 'classified']);
    expect(timelineOf(t.core, inc.id)[1]!.body).toBe(
      'Meets the incident criteria: Are two or more users unable to log in to the hub?',
    );

    const unknown = await failure(t.core, 'incidents.declare', { title: 'x', classification: { vibes_off: true } });
    expect(unknown.code).toBe('invalid_input');
    expect((unknown.details as { fields: Array<{ path: string }> }).fields[0]!.path).toBe('classification.vibes_off');
  });

  it('takes an impact start in the past (default now), refuses one in the future, and an unknown runbook', async () => {
    const t = core();
    const now = await call(t.core, 'incidents.declare', { title: 'now' });
    expect(now.impactStartAt).toBe('2026-11-26T12:00:00.000Z');
    expect(now.runbookId).toBe('default');
    const past = await call(t.core, 'incidents.declare', {
      title: 'past',
      impactStart: '2026-11-26T10:30:00+01:00',
      runbookId: '2i2c-2025',
    });
    expect(past).toMatchObject({ impactStartAt: '2026-11-26T09:30:00.000Z', runbookId: '2i2c-2025' });
    expect((await failure(t.core, 'incidents.declare', { title: 'f', impactStart: '2026-11-27T12:00:00Z' })).code).toBe(
      'invalid_input',
    );
    expect((await failure(t.core, 'incidents.declare', { title: 'f', impactStart: 'yesterday' })).code).toBe(
      'invalid_input',
    );
    expect((await failure(t.core, 'incidents.declare', { title: 'f', runbookId: 'nope' })).code).toBe('not_found');
    expect(t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(2);
  });

  it('moves forward (skipping is fine), stamps each status, and refuses moving back without reopen', async () => {
    const t = core();
    const inc = await call(t.core, 'incidents.declare', { title: 'Hub down' });
    const id = inc.id;
    t.clock.advance(60_000);
    const active = await call(t.core, 'incidents.setStatus', { incidentId: id, status: 'active' });
    expect(active).toMatchObject({ status: 'active', activeAt: '2026-11-26T12:01:00.000Z', mitigatedAt: null });
    t.clock.advance(60_000);
    const resolved = await call(t.core, 'incidents.setStatus', {
      incidentId: id,
      status: 'resolved',
      note: 'rolled back the image',
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-26T12:02:00.000Z', mitigatedAt: null });

    const back = await failure(t.core, 'incidents.setStatus', { incidentId: id, status: 'active' });
    expect(back.code).toBe('conflict');
    expect(back.message).toMatch(/reopen/);
    expect((await failure(t.core, 'incidents.setStatus', { incidentId: id, status: 'resolved' })).code).toBe(
      'conflict',
    );

    t.clock.advance(60_000);
    const reopened = await call(t.core, 'incidents.setStatus', { incidentId: id, status: 'mitigated', reopen: true });
    expect(reopened).toMatchObject({
      status: 'mitigated',
      mitigatedAt: '2026-11-26T12:03:00.000Z',
      resolvedAt: null,
      activeAt: '2026-11-26T12:01:00.000Z',
    });
    for (const status of ['resolved', 'report_in_review', 'closed'] as const) {
      await call(t.core, 'incidents.setStatus', { incidentId: id, status });
    }
    const closed = await call(t.core, 'incidents.get', { incidentId: id });
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-11-26T12:03:00.000Z' });

    expect(
      timelineOf(t.core, id)
        .filter((e) => e.source === 'status')
        .map((e) => [e.kind, e.body]),
    ).toEqual([
      ['status_changed', 'Status: declared → active'],
      ['status_changed', 'Status: active → resolved (rolled back the image)'],
      ['reopened', 'Reopened: resolved → mitigated'],
      ['status_changed', 'Status: mitigated → resolved'],
      ['status_changed', 'Status: resolved → report in review'],
      ['status_changed', 'Status: report in review → closed'],
    ]);
    expect((await failure(t.core, 'incidents.get', { incidentId: 'nope' })).code).toBe('not_found');
  });

  it('emits incidents.updated then timeline.appended on a status change', async () => {
    const t = core();
    const inc = await call(t.core, 'incidents.declare', { title: 'x' });
    const seen: string[] = [];
    t.core.bus.subscribe((n) => seen.push(n));
    await call(t.core, 'incidents.setStatus', { incidentId: inc.id, status: 'active' });
    expect(seen).toEqual(['incidents.updated', 'timeline.appended']);
  });
});
