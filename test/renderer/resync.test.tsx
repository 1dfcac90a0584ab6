// @vitest-environment jsdom
// When the event stream reopens, the stores read again what the page shows (events sent while it was down are lost
// for good); and a handoff's progress keeps the newest state whichever arrives first, its events or its answers.
import { render, screen, cleanup } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { StreamStatus } from '../../src/renderer/src/features/connection/StreamStatus';
import { useConnection } from '../../src/renderer/src/features/connection/store';
import { useChecklist } from '../../src/renderer/src/features/checklist/store';
import { useHandoff } from '../../src/renderer/src/features/handoff/store';
import { useIncidents } from '../../src/renderer/src/features/incidents/store';
import { useNotes } from '../../src/renderer/src/features/notes/store';
import type { Api, ApiWithEvents, StreamState } from '../../src/shared/contract';
import type { Incident } from '../../src/shared/domain';
import type { HandoffPart, HandoffStatus } from '../../src/shared/ops/handoff';
import { coreApi } from '../helpers/coreApi';
import { testCore } from '../helpers/core';

afterEach(cleanup);

/** The real core behind a stream this test drops and reopens: while down, its events never reach the page. */
function droppableApi(core: ReturnType<typeof testCore>['core']) {
  const base = coreApi(core);
  let up = true;
  let tell: ((s: StreamState) => void) | undefined;
  const api: ApiWithEvents = {
    call: base.call,
    subscribe(listener, onStream) {
      tell = onStream;
      return base.subscribe((name, payload) => (up ? listener(name, payload) : undefined));
    },
  };
  return {
    api,
    drop: () => ((up = false), tell?.('lost')),
    reopen: () => ((up = true), tell?.('live')),
  };
}

const t = testCore();
afterAll(() => t.cleanup());

describe('after the event stream reopens', () => {
  it('shows that it is reconnecting, then the incidents, notes and checklist changed meanwhile', async () => {
    const { api, drop, reopen } = droppableApi(t.core);
    setApi(api);
    const stop = connectEvents(api);
    const call = api.call;
    const declared = await call['incidents.declare']({ title: 'Spawns fail' });
    if (!declared.ok) throw new Error(declared.error.message);
    const id = declared.value.id;
    await useIncidents.getState().load();
    useIncidents.getState().select(id);
    await useNotes.getState().open(id);
    await useChecklist.getState().load(id);
    const firstStep = useChecklist.getState().steps[id]![0]!;
    render(
      <StreamStatus>
        <span>sends indicator</span>
      </StreamStatus>,
    );
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByText('sends indicator')).toBeTruthy();

    drop();
    expect((await screen.findByRole('status')).textContent).toMatch(/Reconnecting to Conn/);
    expect(screen.queryByText('sends indicator')).toBeNull(); // it cannot know how sends stand meanwhile
    const other = await call['incidents.declare']({ title: 'Registry slow' });
    await call['incidents.setStatus']({ incidentId: id, status: 'mitigated' });
    await call['notes.append']({ incidentId: id, kind: 'note', body: 'Written while the page was not listening' });
    await call['checklist.start']({ incidentId: id, stepId: firstStep.stepId, expectedVersion: firstStep.version });
    await new Promise((r) => setTimeout(r, 150)); // the event queue's longest wait: nothing came through
    const status = () => useIncidents.getState().items.find((i: Incident) => i.id === id)?.status;
    expect(status()).toBe('declared');
    expect(useNotes.getState().items.map((n) => n.body)).not.toContain('Written while the page was not listening');

    reopen();
    await vi.waitFor(
      () => {
        expect(useIncidents.getState().items.map((i) => i.title)).toContain('Registry slow');
        expect(status()).toBe('mitigated');
        expect(useNotes.getState().items.map((n) => n.body)).toContain('Written while the page was not listening');
        const step = useChecklist.getState().steps[id]!.find((s) => s.stepId === firstStep.stepId);
        expect(step?.state).toBe('in_progress');
      },
      { timeout: 3000 },
    );
    expect(other.ok).toBe(true);
    expect(useConnection.getState().stream).toBe('live');
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByText('sends indicator')).toBeTruthy();
    stop();
  });
});

const part = (jobId: string, state: HandoffPart['state']): HandoffPart => ({
  jobId,
  kind: 'slack.postMessage',
  label: jobId,
  state,
  lastError: null,
});
const handoff = (states: HandoffPart['state'][]): HandoffStatus => ({
  handoffId: 'h1',
  incidentId: 'inc-1',
  fromPersonId: 'p-alice',
  toPersonId: 'p-bob',
  toName: 'Bob Okafor',
  at: '2026-11-26T12:00:00.000Z',
  parts: states.map((s, i) => part(`job${i}`, s)),
  complete: states.every((s) => s === 'sent'),
  failed: 0,
});

/** An api whose handoff answers this test releases by hand. */
function handoffApi() {
  const answers: Array<(s: HandoffStatus) => void> = [];
  const asked: string[] = [];
  const wait = (name: string) =>
    new Promise<{ ok: true; value: HandoffStatus }>((resolve) => {
      asked.push(name);
      answers.push((value) => resolve({ ok: true, value }));
    });
  const call = {
    'handoff.send': () => wait('handoff.send').then((r) => ({ ...r, value: { ...r.value, entries: [] } })),
    'handoff.status': () => wait('handoff.status'),
  } as unknown as Api;
  setApi({ call, subscribe: () => () => {} });
  return { asked, answer: (s: HandoffStatus) => answers.shift()!(s) };
}

describe('the handoff progress', () => {
  it('keeps the parts that went out before handoff.send answered (they are not all "waiting" again)', async () => {
    const api = handoffApi();
    useHandoff.setState({ incidentId: 'inc-1', status: null, confirmed: true, brief: 'b', toPersonId: 'p-bob' });
    const sending = useHandoff.getState().send();
    // The parts go out, and say so, while the send's own answer is still on its way.
    useHandoff.getState().statusChanged(handoff(['sent', 'sending', 'queued']));
    useHandoff.getState().statusChanged(handoff(['sent', 'sent', 'sent']));
    api.answer(handoff(['queued', 'queued', 'queued']));
    await sending;
    expect(useHandoff.getState().status?.parts.map((p) => p.state)).toEqual(['sent', 'sent', 'sent']);
    expect(useHandoff.getState().status?.complete).toBe(true);
  });

  it('takes the answer when no event came first, and ignores another incident’s events', async () => {
    const api = handoffApi();
    useHandoff.setState({ incidentId: 'inc-1', status: null, confirmed: true, brief: 'b', toPersonId: 'p-bob' });
    const sending = useHandoff.getState().send();
    useHandoff.getState().statusChanged({ ...handoff(['sent']), handoffId: 'h0', incidentId: 'inc-0' });
    api.answer(handoff(['queued', 'queued']));
    await sending;
    expect(useHandoff.getState().status?.parts.map((p) => p.state)).toEqual(['queued', 'queued']);
  });

  it('catches up after the stream reopens, reading again when an event overlapped the read', async () => {
    const api = handoffApi();
    useHandoff.setState({ incidentId: 'inc-1', status: handoff(['queued', 'queued']), sending: false });
    const reading = useHandoff.getState().catchUp();
    // An event lands while the read is out: which of the two is newer cannot be told, so it reads once more.
    useHandoff.getState().statusChanged(handoff(['sent', 'sending']));
    api.answer(handoff(['sent', 'queued']));
    await vi.waitFor(() => expect(api.asked).toEqual(['handoff.status', 'handoff.status']));
    api.answer(handoff(['sent', 'sent']));
    await reading;
    expect(useHandoff.getState().status?.parts.map((p) => p.state)).toEqual(['sent', 'sent']);
  });
});
