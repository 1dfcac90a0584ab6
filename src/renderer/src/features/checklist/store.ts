// Checklist state per incident: steps, the selected step, pending transitions and their errors.
// Owns every checklist.* api call. A conflict replaces the step with the server's current one.
import { create } from 'zustand';
import { nextOpenStep, type ChecklistStep, type ChecklistChanged } from '../../../../shared/checklist';
import type { OutboxJob } from '../../../../shared/outbox';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

export type StepAction = 'start' | 'complete' | 'skip' | 'block' | 'reopen';

interface ChecklistState {
  steps: Record<string, ChecklistStep[]>;
  selected: Record<string, string>;
  busy: boolean;
  error: ApiError | null;
  load(incidentId: string): Promise<void>;
  select(incidentId: string, stepId: string): void;
  move(incidentId: string, delta: number): void;
  act(incidentId: string, stepId: string, action: StepAction, reason?: string): Promise<boolean>;
  /** `again`: the user confirmed sending an action that was already sent once more. */
  runAction(incidentId: string, stepId: string, again?: boolean): Promise<'report' | null | false>;
  clearError(): void;
  received(change: ChecklistChanged): void;
  jobChanged(job: OutboxJob): void;
}

const conflictStep = (e: ApiError): ChecklistStep | null => {
  const d = e.details as { step?: ChecklistStep } | undefined;
  return e.code === 'conflict' && d?.step ? d.step : null;
};

export const useChecklist = create<ChecklistState>((set, get) => {
  // Transitions run one after another: a key pressed while a request is in flight is queued, never dropped,
  // and reads the step's version only when its turn comes.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  const latestJob = new Map<string, ChecklistStep['jobs'][number]>();
  // A snapshot read after the events stopped arriving (a re-read once the event stream is back) is newer than them.
  const newest = (j: ChecklistStep['jobs'][number]) => {
    const seen = latestJob.get(j.id);
    return seen && seen.at >= j.at ? seen : j;
  };
  /**
   * A step as the page should hold it. Answers and events race (a list read before a change can arrive after the
   * change's event), and a step's version only grows: a copy older than the held one is stale and kept out. A job's
   * events can overtake the answer that created it too: the latest event per job wins over older snapshots.
   */
  const fresher = (fromServer: ChecklistStep, held: ChecklistStep | undefined): ChecklistStep =>
    held && held.version > fromServer.version ? held : { ...fromServer, jobs: fromServer.jobs.map(newest) };
  /** Replace one step; if the selected step just closed, follow the work to the next open step. */
  const put = (fromServer: ChecklistStep, advance: boolean) => {
    const held = get().steps[fromServer.incidentId] ?? [];
    const step = fresher(
      fromServer,
      held.find((s) => s.stepId === fromServer.stepId),
    );
    const list = held.map((s) => (s.stepId === step.stepId ? step : s));
    const selected = { ...get().selected };
    if (advance && (step.state === 'done' || step.state === 'skipped') && selected[step.incidentId] === step.stepId) {
      const next = nextOpenStep(list.filter((s) => s.position > step.position)) ?? nextOpenStep(list);
      if (next) selected[step.incidentId] = next.stepId;
    }
    set({ steps: { ...get().steps, [step.incidentId]: list }, selected });
  };

  const actNow = async (incidentId: string, stepId: string, action: StepAction, reason?: string) => {
    const step = get().steps[incidentId]?.find((s) => s.stepId === stepId);
    if (!step) return false;
    set({ busy: true, error: null });
    const input = { incidentId, stepId, expectedVersion: step.version, ...(reason ? { reason } : {}) };
    const res =
      action === 'skip' || action === 'block'
        ? await api().call[`checklist.${action}`]({ ...input, reason: reason ?? '' })
        : await api().call[`checklist.${action}`](input);
    set({ busy: false });
    if (res.ok) {
      put(res.value, true);
      return true;
    }
    const current = conflictStep(res.error);
    if (current) put(current, false);
    set({ error: res.error });
    return false;
  };

  const runActionNow = async (incidentId: string, stepId: string, again: boolean): Promise<'report' | null | false> => {
    const step = get().steps[incidentId]?.find((s) => s.stepId === stepId);
    if (!step) return false;
    set({ busy: true, error: null });
    const res = await api().call['checklist.runAction']({
      incidentId,
      stepId,
      expectedVersion: step.version,
      ...(again ? { again: true } : {}),
    });
    set({ busy: false });
    if (res.ok) {
      put(res.value.step, false);
      return res.value.open;
    }
    const current = conflictStep(res.error);
    if (current) put(current, false);
    set({ error: res.error });
    return false;
  };

  return {
    steps: {},
    selected: {},
    busy: false,
    error: null,
    async load(incidentId) {
      const res = await api().call['checklist.list']({ incidentId });
      if (!res.ok) return set({ error: res.error });
      get().received({ incidentId, steps: res.value });
    },
    select(incidentId, stepId) {
      set({ selected: { ...get().selected, [incidentId]: stepId } });
    },
    move(incidentId, delta) {
      const list = get().steps[incidentId] ?? [];
      if (!list.length) return;
      const at = Math.max(
        0,
        list.findIndex((s) => s.stepId === get().selected[incidentId]),
      );
      const next = list[Math.min(list.length - 1, Math.max(0, at + delta))];
      if (next) get().select(incidentId, next.stepId);
    },
    act(incidentId, stepId, action, reason) {
      return serial(() => actNow(incidentId, stepId, action, reason));
    },
    runAction(incidentId, stepId, again) {
      return serial(() => runActionNow(incidentId, stepId, again === true));
    },
    clearError() {
      set({ error: null });
    },
    received({ incidentId, steps }) {
      const selected = { ...get().selected };
      const kept = steps.some((s) => s.stepId === selected[incidentId]);
      if (!kept) {
        const first = nextOpenStep(steps) ?? steps[0];
        if (first) selected[incidentId] = first.stepId;
      }
      const held = new Map((get().steps[incidentId] ?? []).map((s) => [s.stepId, s]));
      const fresh = steps.map((st) => fresher(st, held.get(st.stepId)));
      set({ steps: { ...get().steps, [incidentId]: fresh }, selected });
    },
    jobChanged(job) {
      if (job.refType !== 'checklist_step' || !job.incidentId || !job.refId) return;
      latestJob.set(job.id, {
        id: job.id,
        kind: job.kind,
        state: job.state,
        lastError: job.lastError,
        at: job.updatedAt,
      });
      const list = get().steps[job.incidentId];
      const step = list?.find((s) => s.stepId === job.refId);
      if (!step) return;
      const summary = { id: job.id, kind: job.kind, state: job.state, lastError: job.lastError, at: job.updatedAt };
      const jobs = step.jobs.some((j) => j.id === job.id)
        ? step.jobs.map((j) => (j.id === job.id ? summary : j))
        : [...step.jobs, summary];
      put({ ...step, jobs }, false);
    },
  };
});
