// @vitest-environment jsdom
// A read and an event race: an answer read before a change can reach the page after that change's event. The page
// must keep showing the change (the event), not put back the state from before it until some later event.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { snapshotRace } from '../../src/renderer/src/api/overtaken';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { useChecklist } from '../../src/renderer/src/features/checklist/store';
import { useRoles } from '../../src/renderer/src/features/people/rolesStore';
import { usePeople } from '../../src/renderer/src/features/people/store';
import { useNotes } from '../../src/renderer/src/features/notes/store';
import { useTimeline } from '../../src/renderer/src/features/timeline/store';
import type { Api, ApiWithEvents } from '../../src/shared/contract';
import { coreApi } from '../helpers/coreApi';
import { callOf, testCore } from '../helpers/core';

const t = testCore();
afterAll(() => t.cleanup());
const call = callOf(t.core);

/** The real core, except that the answers of the ops being held are read at once but handed over on release. */
function slowAnswers(): { api: ApiWithEvents; hold(op: string): void; release(): void } {
  const base = coreApi(t.core);
  const held = new Set<string>();
  const waiting: Array<() => void> = [];
  const ops = base.call as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  const answers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, op] of Object.entries(ops)) {
    answers[name] = async (input) => {
      const answer = await op(input); // read now: the answer is the state before what the test does next
      if (held.has(name)) await new Promise<void>((r) => waiting.push(r));
      return answer;
    };
  }
  const api = { call: answers as unknown as Api, subscribe: base.subscribe };
  return {
    api,
    hold: (op) => held.add(op),
    release: () => {
      held.clear();
      for (const r of waiting.splice(0)) r();
    },
  };
}

/** An api with its events routed to the stores, as the app wires it. */
function connected() {
  const s = slowAnswers();
  setApi(s.api);
  const stop = connectEvents(s.api);
  return { ...s, stop };
}
const settle = () => new Promise((r) => setTimeout(r, 150)); // the event queue's longest wait

describe('a read that an event overtook', () => {
  it('checklist: a step list read before a step started does not put the step back to "to do"', async () => {
    const app = connected();
    const inc = await call<{ id: string }>('incidents.declare', { title: 'Checklist race' });
    await useChecklist.getState().load(inc.id);
    const first = useChecklist.getState().steps[inc.id]![0]!;
    expect(first.state).toBe('todo');

    app.hold('checklist.list');
    const reading = useChecklist.getState().load(inc.id); // reads "to do"…
    await call('checklist.start', { incidentId: inc.id, stepId: first.stepId, expectedVersion: first.version });
    const shown = () => useChecklist.getState().steps[inc.id]!.find((s) => s.stepId === first.stepId)!;
    await vi.waitFor(() => expect(shown().state).toBe('in_progress')); // …the event arrives first
    app.release();
    await reading;
    expect(shown().state).toBe('in_progress');
    expect(shown().version).toBe(first.version + 1);

    // A newer read still replaces what the page holds.
    await call('checklist.complete', { incidentId: inc.id, stepId: first.stepId, expectedVersion: first.version + 1 });
    await useChecklist.getState().load(inc.id);
    expect(shown().state).toBe('done');
    await settle();
    app.stop();
  });

  it('roles: a roles read from before an assignment does not take the commander away again', async () => {
    const app = connected();
    const inc = await call<{ id: string }>('incidents.declare', { title: 'Roles race' });
    const bob = await call<{ id: string }>('people.save', { name: 'Bob Okafor', timezone: 'UTC' });
    await useRoles.getState().load(inc.id);
    expect(useRoles.getState().byIncident[inc.id]?.commander).toBeNull();

    app.hold('roles.list');
    const reading = useRoles.getState().load(inc.id);
    await call('roles.assign', { incidentId: inc.id, role: 'incident_commander', personId: bob.id });
    await vi.waitFor(() => expect(useRoles.getState().byIncident[inc.id]?.commander?.name).toBe('Bob Okafor'));
    app.release();
    await reading;
    expect(useRoles.getState().byIncident[inc.id]?.commander?.name).toBe('Bob Okafor');

    // With no event in between, the answer is what the page shows.
    await call('roles.unassign', { incidentId: inc.id, role: 'incident_commander', personId: bob.id });
    await settle();
    app.stop();
    await useRoles.getState().load(inc.id);
    expect(useRoles.getState().byIncident[inc.id]?.commander).toBeNull();
  });

  it('people: a roster read from before someone was added does not drop them', async () => {
    const app = connected();
    await usePeople.getState().load();
    app.hold('people.list');
    const reading = usePeople.getState().load();
    await call('people.save', { name: 'Chidi Eze', timezone: 'Africa/Lagos' });
    await vi.waitFor(() => expect(usePeople.getState().people.map((p) => p.name)).toContain('Chidi Eze'));
    app.release();
    await reading;
    expect(usePeople.getState().people.map((p) => p.name)).toContain('Chidi Eze');
    expect(usePeople.getState().loaded).toBe(true);
    await settle();
    app.stop();
  });
});

describe('a page read while its items changed', () => {
  it('notes and timeline: a note saved while the pane was reading stays, and an edit is not undone', async () => {
    const app = connected();
    const inc = await call<{ id: string }>('incidents.declare', { title: 'Notes race' });
    const first = await call<{ id: string }>('notes.append', { incidentId: inc.id, body: 'First finding' });
    await useNotes.getState().open(inc.id);
    await useTimeline.getState().open(inc.id);

    app.hold('notes.list');
    app.hold('timeline.list');
    const reading = [useNotes.getState().open(inc.id), useTimeline.getState().open(inc.id)]; // the resync's re-reads
    await call('notes.append', { incidentId: inc.id, body: 'Saved during the read' });
    await call('notes.edit', { noteId: first.id, body: 'First finding, corrected' });
    const bodies = () => useNotes.getState().items.map((n) => n.body);
    await vi.waitFor(() => expect(bodies()).toContain('Saved during the read'));
    app.release();
    await Promise.all(reading);
    expect(bodies()).toEqual(['First finding, corrected', 'Saved during the read']);
    expect(useTimeline.getState().items.map((e) => e.body)).toEqual(
      expect.arrayContaining([expect.stringContaining('Saved during the read')]),
    );
    await settle();
    app.stop();
  });
});

describe('snapshotRace', () => {
  it('marks only the reads in flight for the key the event was about', async () => {
    const race = snapshotRace();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = race.read('inc-a', () => gate.then(() => 'a'));
    const b = race.read('inc-b', () => gate.then(() => 'b'));
    race.heard('inc-a');
    release();
    expect(await a).toEqual({ value: 'a', overtaken: true });
    expect(await b).toEqual({ value: 'b', overtaken: false });
    // An event after the read finished marks nothing.
    race.heard('inc-b');
    expect(await race.read('inc-b', async () => 'b2')).toEqual({ value: 'b2', overtaken: false });
  });
});
