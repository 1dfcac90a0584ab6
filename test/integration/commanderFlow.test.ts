// Issue 17: the incident's status follows the record, and a note's kind applies to that note only.
import { afterEach, describe, expect, it } from 'vitest';
import type { Note } from '../../src/shared/notes';
import { kindFromPrefix } from '../../src/shared/notes';
import { sessionGatherer } from '../../src/main/core/handoff/gather';
import { call, outboxCore } from '../helpers/outbox';

let t: ReturnType<typeof outboxCore>;
afterEach(() => t?.cleanup());

const jobsOf = async (id: string) => {
  const r = await call(t.core, 'outbox.list', { incidentId: id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const settle = () => new Promise((r) => setTimeout(r, 0));
const status = (id: string) => t.core.services.incidents.get(id).status;
const statusEntries = (id: string) =>
  t.core.services.timeline
    .list({ incidentId: id, limit: 200 })
    .items.filter((e) => e.source === 'status')
    .map((e) => e.body);

describe('incident status follows the record', () => {
  const triggeringPagerdutyMakesA =
    'triggering PagerDuty makes a declared incident active, with a timeline entry, and finishes the step';
  it(triggeringPagerdutyMakesA, async () => {
    t = outboxCore();
    const id = t.incident();
    expect(status(id)).toBe('declared');
    const run = await call(t.core, 'checklist.runAction', { incidentId: id, stepId: 'trigger_pagerduty' });
    expect(run.ok).toBe(true);
    expect(status(id)).toBe('declared'); // queued is not done
    await t.drain();
    await settle();
    expect(status(id)).toBe('active');
    const step = t.core.services.checklist.list(id).find((s) => s.stepId === 'trigger_pagerduty')!;
    expect(step).toMatchObject({ state: 'done', doneVia: 'check' });
    expect(statusEntries(id)).toEqual([
      expect.stringMatching(/^Status: declared → active \(automatic: .*set it by hand/),
    ]);
    // The sidebar's next step moved past it.
    expect(t.core.services.incidents.get(id).nextStep?.id).not.toBe('trigger_pagerduty');
    // The handoff brief says so too.
    expect(sessionGatherer(t.core.db).handoff(id, null, null, null).incident.status).toBe('active');
  });

  it('the resolve step done makes it resolved and proposes the impact end; a manual change still wins', async () => {
    t = outboxCore();
    const id = t.incident();
    t.clock.advance(60_000);
    t.core.services.checklist.transition('complete', { incidentId: id, stepId: 'resolve_pagerduty' });
    const incident = t.core.services.incidents.get(id);
    expect(incident.status).toBe('resolved');
    const report = await call(t.core, 'report.get', { incidentId: id });
    expect(report.ok && report.value.header).toMatchObject({ impactEnd: null, impactEndProposal: incident.resolvedAt });
    // Accepting it records it, and the proposal goes away.
    const accepted = await call(t.core, 'report.update', { incidentId: id, patch: { impactEnd: incident.resolvedAt } });
    expect(accepted.ok && accepted.value.header).toMatchObject({
      impactEnd: incident.resolvedAt,
      impactEndProposal: null,
    });
    expect(accepted.ok && accepted.value.header.duration).toBeTruthy();
    // By hand, back to active: allowed (reopen), and nothing automatic flips it back.
    const back = await call(t.core, 'incidents.setStatus', { incidentId: id, status: 'active', reopen: true });
    expect(back.ok && back.value.status).toBe('active');
    t.core.services.checklist.transition('complete', { incidentId: id, stepId: 'delegate' });
    expect(status(id)).toBe('active');
  });

  it('PagerDuty accepting a resolve request resolves the incident; never moves a status backwards', async () => {
    t = outboxCore();
    const id = t.incident();
    t.enqueue(id, 'pagerduty.resolve', {});
    await t.drain();
    await settle();
    expect(status(id)).toBe('resolved');
    // A late trigger answer does not take a resolved incident back to active.
    t.enqueue(id, 'pagerduty.acknowledge', {});
    await t.drain();
    await settle();
    expect(status(id)).toBe('resolved');
    expect(statusEntries(id)).toHaveLength(1);
    expect((await jobsOf(id)).every((j) => j.state === 'sent')).toBe(true);
  });
});

describe('note kind', () => {
  it('a typed "Decision:"/"Finding:" prefix sets the kind and is not repeated', () => {
    expect(kindFromPrefix('note', 'Decision: roll back')).toEqual({ kind: 'decision', body: 'roll back' });
    expect(kindFromPrefix('note', 'finding - disk full')).toEqual({ kind: 'finding', body: 'disk full' });
    expect(kindFromPrefix('finding', 'Finding: disk full')).toEqual({ kind: 'finding', body: 'disk full' });
    expect(kindFromPrefix('note', 'Decisions were made')).toEqual({ kind: 'note', body: 'Decisions were made' });
    expect(kindFromPrefix('command', 'Finding: x')).toEqual({ kind: 'command', body: 'Finding: x' });
    expect(kindFromPrefix('note', 'Decision:')).toEqual({ kind: 'note', body: 'Decision:' });
  });

  it('the saved note, its Slack and PagerDuty text carry the prefix once', async () => {
    t = outboxCore();
    const id = t.incident();
    const res = await call(t.core, 'notes.append', {
      incidentId: id,
      kind: 'note',
      body: 'Decision: roll back to v41',
      share: { slack: true, pagerduty: true },
    });
    expect(res.ok).toBe(true);
    const note = (res.ok ? res.value : null) as Note;
    expect(note).toMatchObject({ kind: 'decision', body: 'roll back to v41' });
    const payloads = (await jobsOf(id)).map((j) => JSON.stringify(j.payload));
    expect(payloads).toHaveLength(2);
    for (const p of payloads) expect(p.match(/Decision:/g)).toHaveLength(1);
    // A plain note after it stays plain.
    const plain = await call(t.core, 'notes.append', { incidentId: id, kind: 'note', body: 'checking the logs' });
    expect(plain.ok && plain.value.kind).toBe('note');
  });
});
