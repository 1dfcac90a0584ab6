import { describe, expect, it } from 'vitest';
import type { ChecklistStep } from '../../src/shared/checklist';
import { call, failure, timelineOf } from '../helpers/call';
import { cleanAfterEach, testCore } from '../helpers/core';

describe('the checklist through the core', () => {
  const fresh = cleanAfterEach(testCore);
  const setup = async (declare: Record<string, unknown> = {}) => {
    const t = fresh();
    const incident = await call(t.core, 'incidents.declare', {
      title: 'Servers will not start',
      ticketUrl: 'https://x.freshdesk.com/a/tickets/7',
      ...declare,
    });
    return { ...t, incident, id: incident.id };
  };

  it('copies the runbook into the incident at declaration, in order, all todo', async () => {
    const t = await setup();
    const steps = await call(t.core, 'checklist.list', { incidentId: t.id });
    expect(steps.map((s) => s.stepId)).toEqual([
      'acknowledge',
      'trigger_pagerduty',
      'work_in_channel',
      'delegate',
      'status_update',
      'verify_fix',
      'communicate_resolution',
      'resolve_pagerduty',
      'close_ticket',
      'write_report',
      'publish_report',
      'share_report',
    ]);
    expect(new Set(steps.map((s) => s.state))).toEqual(new Set(['todo']));
    expect(steps[1]!.action).toEqual({
      type: 'trigger_pagerduty',
      params: { service: 'Managed JupyterHubs', withSlackChannel: true },
    });
    expect(t.incident.nextStep).toEqual({ id: 'acknowledge', title: 'Tell the community we are on it' });

    const other = await call(t.core, 'incidents.declare', { title: 'Newer process', runbookId: '2i2c-2025' });
    const otherSteps = await call(t.core, 'checklist.list', { incidentId: other.id });
    expect(otherSteps[0]!.stepId).toBe('trigger_pagerduty');
    expect(otherSteps).toHaveLength(10);
  });

  it('walks every transition, recording who, when and why on the step and the timeline', async () => {
    const t = await setup();
    const ada = await call(t.core, 'people.save', { name: 'Ada', timezone: 'Europe/Berlin' });
    await call(t.core, 'people.setMe', { personId: ada.id });
    const ref = { incidentId: t.id, stepId: 'acknowledge' };

    const started = await call(t.core, 'checklist.start', ref);
    expect(started).toMatchObject({ state: 'in_progress', version: 1 });
    t.clock.advance(60_000);
    const done = await call(t.core, 'checklist.complete', { ...ref, expectedVersion: 1 });
    expect(done).toMatchObject({
      state: 'done',
      doneBy: 'Ada',
      doneAt: '2026-11-26T12:01:00.000Z',
      doneVia: 'manual',
      version: 2,
    });
    const reopened = await call(t.core, 'checklist.reopen', { ...ref, reason: 'customer did not get it' });
    expect(reopened).toMatchObject({ state: 'todo', doneBy: null, doneAt: null, reason: 'customer did not get it' });

    const blocked = await call(t.core, 'checklist.block', {
      incidentId: t.id,
      stepId: 'trigger_pagerduty',
      reason: 'PagerDuty is down',
    });
    expect(blocked).toMatchObject({ state: 'blocked', reason: 'PagerDuty is down' });
    expect((await call(t.core, 'checklist.start', { incidentId: t.id, stepId: 'trigger_pagerduty' })).state).toBe(
      'in_progress',
    );
    const skipped = await call(t.core, 'checklist.skip', {
      incidentId: t.id,
      stepId: 'delegate',
      reason: 'one-person fix',
    });
    expect(skipped).toMatchObject({ state: 'skipped', reason: 'one-person fix' });
    expect((await call(t.core, 'checklist.complete', { incidentId: t.id, stepId: 'delegate' })).state).toBe('done');

    const entries = timelineOf(t.core, t.id).filter((e) => e.source === 'checklist');
    expect(entries.map((e) => [e.kind, e.body, e.actor])).toEqual([
      ['step_started', 'Started: Tell the community we are on it', 'Ada'],
      ['step_done', 'Done: Tell the community we are on it', 'Ada'],
      ['step_reopened', 'Reopened: Tell the community we are on it (customer did not get it)', 'Ada'],
      ['step_blocked', 'Blocked: Open the PagerDuty incident (PagerDuty is down)', 'Ada'],
      ['step_started', 'Started: Open the PagerDuty incident', 'Ada'],
      ['step_skipped', 'Skipped: Bring in subject matter experts (one-person fix)', 'Ada'],
      ['step_done', 'Done: Bring in subject matter experts', 'Ada'],
    ]);
    expect(entries[0]!.refId).toBe('acknowledge');
  });

  it('refuses transitions that make no sense from the current state, with the step in the error', async () => {
    const t = await setup();
    const ref = { incidentId: t.id, stepId: 'acknowledge' };
    await call(t.core, 'checklist.complete', ref);
    for (const op of ['checklist.complete', 'checklist.start', 'checklist.block'] as const) {
      const err = await failure(t.core, op, { ...ref, reason: 'x' });
      expect(err.code, op).toBe('conflict');
      expect((err.details as { step: ChecklistStep }).step.state).toBe('done');
    }
    expect((await failure(t.core, 'checklist.reopen', { incidentId: t.id, stepId: 'delegate' })).code).toBe('conflict');
  });

  it('requires a reason to skip or block', async () => {
    const t = await setup();
    for (const op of ['checklist.skip', 'checklist.block'] as const) {
      const err = await failure(t.core, op, { incidentId: t.id, stepId: 'delegate' });
      expect(err.code).toBe('invalid_input');
      expect(err.message).toMatch(/reason/);
      expect((await failure(t.core, op, { incidentId: t.id, stepId: 'delegate', reason: '   ' })).code).toBe(
        'invalid_input',
      );
    }
    expect(
      (await call(t.core, 'checklist.list', { incidentId: t.id })).find((s) => s.stepId === 'delegate')!.state,
    ).toBe('todo');
  });

  it('answers not_found for an unknown step, a step of another runbook, and an unknown incident', async () => {
    const t = await setup();
    const other = await call(t.core, 'incidents.declare', { title: 'other', runbookId: '2i2c-2025' });
    const unknown = await failure(t.core, 'checklist.complete', { incidentId: t.id, stepId: 'make_coffee' });
    expect(unknown.code).toBe('not_found');
    expect(unknown.message).toMatch(/make_coffee/);
    // 'investigate' belongs to the other incident's runbook only
    expect((await failure(t.core, 'checklist.complete', { incidentId: t.id, stepId: 'investigate' })).code).toBe(
      'not_found',
    );
    expect((await call(t.core, 'checklist.complete', { incidentId: other.id, stepId: 'investigate' })).state).toBe(
      'done',
    );
    expect((await failure(t.core, 'checklist.list', { incidentId: 'nope' })).code).toBe('not_found');
    expect(
      (await failure(t.core, 'checklist.skip', { incidentId: 'nope', stepId: 'acknowledge', reason: 'r' })).code,
    ).toBe('not_found');
  });

  it('two windows: the stale change gets conflict with the current step, and neither change is lost', async () => {
    const t = await setup();
    const [step] = await call(t.core, 'checklist.list', { incidentId: t.id });
    const seen = step!.version;
    // window A blocks it
    await call(t.core, 'checklist.block', {
      incidentId: t.id,
      stepId: 'acknowledge',
      reason: 'waiting for the ticket',
      expectedVersion: seen,
    });
    // window B, still showing the old version, tries to complete it
    const err = await failure(t.core, 'checklist.complete', {
      incidentId: t.id,
      stepId: 'acknowledge',
      expectedVersion: seen,
    });
    expect(err.code).toBe('conflict');
    const current = (err.details as { step: ChecklistStep }).step;
    expect(current).toMatchObject({ state: 'blocked', reason: 'waiting for the ticket', version: seen + 1 });
    // B looks again and completes with the fresh version
    const done = await call(t.core, 'checklist.complete', {
      incidentId: t.id,
      stepId: 'acknowledge',
      expectedVersion: current.version,
    });
    expect(done.state).toBe('done');
    const bodies = timelineOf(t.core, t.id).map((e) => e.body);
    expect(bodies).toEqual(
      expect.arrayContaining([
        'Blocked: Tell the community we are on it (waiting for the ticket)',
        'Done: Tell the community we are on it',
      ]),
    );
  });

  it('emits checklist.changed and incidents.updated with the new next step after commit', async () => {
    const t = await setup();
    const seen: Array<[string, unknown]> = [];
    t.core.bus.subscribe((name, payload) => seen.push([name, payload]));
    await call(t.core, 'checklist.complete', { incidentId: t.id, stepId: 'acknowledge' });
    expect(seen.map(([n]) => n)).toEqual(['timeline.appended', 'checklist.changed', 'incidents.updated']);
    const updated = seen[2]![1] as { nextStep: { id: string } };
    expect(updated.nextStep.id).toBe('trigger_pagerduty');
  });

  it('runAction queues the mapped jobs with the step as ref in the same transaction, once', async () => {
    const t = await setup();
    const ref = { incidentId: t.id, stepId: 'trigger_pagerduty' };
    const r = await call(t.core, 'checklist.runAction', { ...ref, expectedVersion: 0 });
    expect(r.open).toBeNull();
    expect(r.jobs.map((j) => [j.kind, j.state, j.refType, j.refId])).toEqual([
      ['pagerduty.createIncident', 'queued', 'checklist_step', 'trigger_pagerduty'],
      ['slack.createChannel', 'queued', 'checklist_step', 'trigger_pagerduty'],
    ]);
    expect(r.step).toMatchObject({ state: 'in_progress', version: 1 });
    expect(r.step.jobs.map((j) => j.kind)).toEqual(['pagerduty.createIncident', 'slack.createChannel']);
    expect(timelineOf(t.core, t.id).at(-1)!.body).toBe('Queued: Trigger the PagerDuty incident (PagerDuty, Slack)');

    const again = await failure(t.core, 'checklist.runAction', ref);
    expect(again.code).toBe('conflict');
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(2);
    // a stale version queues nothing
    expect(
      (await failure(t.core, 'checklist.runAction', { incidentId: t.id, stepId: 'acknowledge', expectedVersion: 5 }))
        .code,
    ).toBe('conflict');
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(2);
  });

  const runactionNoActionIs =
    'runAction: no action is invalid_input, no ticket is precondition_failed, the report opens in the window';
  it(runactionNoActionIs, async () => {
    const t = await setup({ ticketUrl: undefined });
    expect((await failure(t.core, 'checklist.runAction', { incidentId: t.id, stepId: 'work_in_channel' })).code).toBe(
      'invalid_input',
    );
    const noTicket = await failure(t.core, 'checklist.runAction', { incidentId: t.id, stepId: 'acknowledge' });
    expect(noTicket.code).toBe('precondition_failed');
    expect(noTicket.message).toMatch(/no Freshdesk ticket yet\. First add its Freshdesk ticket URL/);
    const report = await call(t.core, 'checklist.runAction', { incidentId: t.id, stepId: 'write_report' });
    expect(report).toMatchObject({ open: 'report', jobs: [] });
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(0);
  });

  it('a check can confirm a step (for the integrations)', async () => {
    const t = await setup();
    const step = t.core.services.checklist.confirmByCheck(t.id, 'trigger_pagerduty', 'pagerduty_incident_exists');
    expect(step).toMatchObject({ state: 'done', doneVia: 'check', doneBy: 'check: a PagerDuty incident exists' });
  });
});
