// Use cases for an incident's checklist: guarded step transitions (with versions) and running actions.
import { jobKindLabel, vendorLabel } from '../../../shared/labels';
import { doneByCheck, vendorOf } from '../../../shared/outbox';
import type { ChecklistStep, StepState } from '../../../shared/checklist';
import type { TimelineEntry } from '../../../shared/domain';
import type { RunActionResult } from '../../../shared/ops/checklist';
import type { OutboxJob } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import { actionLabels, checkLabels, type CheckType } from '../../../shared/runbook';
import { checklistRepo } from '../db/repos/checklist';
import { incidentsRepo } from '../db/repos/incidents';
import { outboxRepo } from '../db/repos/outbox';
import { rolesRepo } from '../db/repos/roles';
import { timelineRepo } from '../db/repos/timeline';
import { jobsForAction } from './actionJobs';
import { communities } from './communities';
import { publishedReportOf } from './publishedReport';
import { refuseRerun } from './rerun';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import { rolesView } from '../domain/roles';
import type { RunbooksService } from './runbooks';
import { statusForJob, statusForStep, statusRules } from './statusRules';

export type Transition = 'start' | 'complete' | 'skip' | 'block' | 'reopen';

const rules: Record<Transition, { from: readonly StepState[]; to: StepState; verb: string; kind: string }> = {
  start: { from: ['todo', 'blocked'], to: 'in_progress', verb: 'Started', kind: 'step_started' },
  complete: { from: ['todo', 'in_progress', 'blocked', 'skipped'], to: 'done', verb: 'Done', kind: 'step_done' },
  skip: { from: ['todo', 'in_progress', 'blocked'], to: 'skipped', verb: 'Skipped', kind: 'step_skipped' },
  block: { from: ['todo', 'in_progress'], to: 'blocked', verb: 'Blocked', kind: 'step_blocked' },
  reopen: { from: ['in_progress', 'done', 'skipped', 'blocked'], to: 'todo', verb: 'Reopened', kind: 'step_reopened' },
};

const stateWords: Record<StepState, string> = {
  todo: 'to do',
  in_progress: 'in progress',
  done: 'done',
  skipped: 'skipped',
  blocked: 'blocked',
};
const PENDING = new Set(['queued', 'sending', 'retrying']);
const WAITING = new Set([...PENDING, 'uncertain']);

export interface StepRef {
  incidentId: string;
  stepId: string;
  expectedVersion?: number;
  reason?: string;
  /** Run an action whose requests were already sent once more. */
  again?: boolean;
}

export function checklistService({ db, clock, ids, bus }: ServiceDeps, runbooks: RunbooksService) {
  const steps = checklistRepo(db);
  const incidents = incidentsRepo(db);
  const fan = communities(db);
  const timeline = timelineRepo(db);
  const outbox = outboxRepo(db);
  const roles = rolesRepo(db);
  const status = statusRules({ db, clock, ids });

  /** The published report's link: the file on the default branch once merged (by check), else the pull request. */
  const reportLink = (incidentId: string): string | null => publishedReportOf(db, incidentId)?.link ?? null;

  /** Reads the step inside the transaction and applies the not-found and stale-version rules. */
  const load = (ref: StepRef): ChecklistStep => {
    const incident = incidents.get(ref.incidentId);
    if (!incident) throw new AppError('not_found', `No incident with id ${ref.incidentId}`);
    const step = steps.get(ref.incidentId, ref.stepId);
    if (!step) throw new AppError('not_found', `Incident "${incident.title}" has no step "${ref.stepId}".`);
    if (ref.expectedVersion !== undefined && ref.expectedVersion !== step.version) {
      throw new AppError(
        'conflict',
        `"${step.title}" was changed elsewhere (now ${stateWords[step.state]}). Nothing was applied; look again and ` +
          `retry.`,
        { step },
      );
    }
    return step;
  };

  const record = (step: ChecklistStep, kind: string, body: string, at: number): TimelineEntry => {
    incidents.touch(step.incidentId, at);
    return timeline.append({
      id: ids.next(),
      incidentId: step.incidentId,
      at,
      source: 'checklist',
      kind,
      body,
      actor: whoAmI(db)?.name ?? null,
      refId: step.stepId,
      recordedAt: at,
    });
  };

  const announce = (incidentId: string, entry: TimelineEntry | null, jobs: OutboxJob[] = []) => {
    for (const j of jobs) bus.emit('outbox.changed', j);
    if (entry) bus.emit('timeline.appended', entry);
    bus.emit('checklist.changed', { incidentId, steps: steps.list(incidentId) });
    const inc = incidents.get(incidentId);
    if (inc) bus.emit('incidents.updated', inc);
  };

  const transitionTx = db.transaction(
    (t: Transition, ref: StepRef, via: { by: string | null; how: 'manual' | 'check' }) => {
      const step = load(ref);
      const rule = rules[t];
      if (!rule.from.includes(step.state)) {
        throw new AppError(
          'conflict',
          `"${step.title}" is ${stateWords[step.state]}; it cannot be ${rule.verb.toLowerCase()} from there.`,
          {
            step,
          },
        );
      }
      const at = clock.now();
      const done = rule.to === 'done';
      const ok = steps.update(step.incidentId, step.stepId, step.version, {
        state: rule.to,
        reason: ref.reason ?? null,
        doneBy: done ? via.by : null,
        doneAt: done ? at : null,
        doneVia: done ? via.how : null,
        at,
      });
      if (!ok)
        throw new AppError('conflict', `"${step.title}" was changed at the same moment elsewhere. Try again.`, {
          step,
        });
      const how = via.how === 'check' ? ' (confirmed by a check)' : '';
      const entry = record(
        step,
        rule.kind,
        `${rule.verb}: ${step.title}${how}${ref.reason ? ` (${ref.reason})` : ''}`,
        at,
      );
      const implied = done ? statusForStep(step) : null;
      const auto = implied ? status.advanceInTx(step.incidentId, implied, `"${step.title}" is done`, at) : null;
      const updated = steps.get(step.incidentId, step.stepId);
      if (!updated) throw new AppError('internal', 'step vanished after update');
      return { updated, entry, auto };
    },
  );

  const transition = (
    t: Transition,
    ref: StepRef,
    via?: { by: string | null; how: 'manual' | 'check' },
  ): ChecklistStep => {
    const { updated, entry, auto } = transitionTx.immediate(
      t,
      ref,
      via ?? { by: whoAmI(db)?.name ?? null, how: 'manual' },
    );
    announce(ref.incidentId, entry);
    if (auto) bus.emit('timeline.appended', auto);
    return updated;
  };

  const runActionTx = db.transaction((ref: StepRef) => {
    const step = load(ref);
    if (!step.action)
      throw new AppError('invalid_input', `"${step.title}" has no action; do it by hand and mark it done.`);
    // A step done because its requests were sent answers like a sent one (already_sent, or again: true sends once
    // more); done by hand or skipped, it must be reopened first.
    const sentBefore = step.state === 'done' && step.jobs.length > 0;
    if (step.state === 'skipped' || (step.state === 'done' && !sentBefore)) {
      throw new AppError('conflict', `"${step.title}" is already ${stateWords[step.state]}; reopen it first.`, {
        step,
      });
    }
    const incident = incidents.get(step.incidentId)!;
    const plan = jobsForAction(step.action, incident, {
      roles: rolesView(step.incidentId, roles.list(step.incidentId)),
      runbookName: runbooks.list().find((r) => r.id === incident.runbookId)?.name ?? incident.runbookId,
      fansOut: fan.reachable(step.incidentId) > 0,
      reportLink: step.action.type === 'reply_report_link' ? reportLink(step.incidentId) : null,
    });
    // Not a retry-later: something must be done first, and the reason names it.
    if (plan.kind === 'manual') throw new AppError('precondition_failed', plan.reason);
    if (plan.kind === 'open') return { step, entry: null, jobs: [], open: plan.target };
    // Idempotent in the domain: what was sent (or may have been) is not sent again unless the request says so.
    refuseRerun(step.jobs, ref.again === true, `"${step.title}"`, { step });
    const at = clock.now();
    const jobIds = fan.fanOut(step.incidentId, plan.jobs, incident.title).map((job) => {
      const id = ids.next();
      outbox.enqueue({ ...job, id, incidentId: step.incidentId, refType: 'checklist_step', refId: step.stepId, at });
      return id;
    });
    steps.markUnderWay(step, at);
    const entry = record(
      step,
      'action_queued',
      `Queued: ${actionLabels[step.action.type]} ` +
        `(${[...new Set(plan.jobs.map((j) => vendorLabel(vendorOf(j.kind))))].join(', ')})`,
      at,
    );
    const jobs = jobIds.flatMap((id) => outbox.get(id) ?? []);
    return { step: steps.get(step.incidentId, step.stepId)!, entry, jobs, open: null };
  });

  return {
    list(incidentId: string): ChecklistStep[] {
      if (!incidents.get(incidentId)) throw new AppError('not_found', `No incident with id ${incidentId}`);
      return steps.list(incidentId);
    },
    transition,
    /** For integrations: a check saw the step's outcome in vendor state. */
    confirmByCheck(incidentId: string, stepId: string, check: CheckType): ChecklistStep {
      return transition('complete', { incidentId, stepId }, { by: `check: ${checkLabels[check]}`, how: 'check' });
    },
    /**
     * A request the vendor accepted: its step is done once all of the step's requests are (the vendor's answer is the
     * confirmation), and a PagerDuty trigger, acknowledge or resolve moves the incident's status along.
     */
    jobSent(job: OutboxJob): void {
      if (job.state !== 'sent' || !job.incidentId) return;
      const incidentId = job.incidentId;
      const step = job.refType === 'checklist_step' && job.refId ? steps.get(incidentId, job.refId) : undefined;
      const finishes =
        step &&
        (step.state === 'todo' || step.state === 'in_progress' || step.state === 'blocked') &&
        !doneByCheck.has(job.kind) &&
        !step.jobs.some((j) => WAITING.has(j.state));
      if (step && finishes) {
        try {
          transition(
            'complete',
            { incidentId, stepId: step.stepId },
            {
              by:
                `Conn: ${[...new Set(step.jobs.map((j) => vendorLabel(vendorOf(j.kind))))].join(' and ')} ` +
                `accepted the requests`,
              how: 'check',
            },
          );
          return;
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'conflict')) throw err;
        }
      }
      const to = statusForJob(job.kind);
      if (!to) return;
      const auto = db
        .transaction(() =>
          status.advanceInTx(incidentId, to, `${vendorLabel(vendorOf(job.kind))} accepted "${jobKindLabel(job.kind)}"`),
        )
        .immediate();
      if (auto) announce(incidentId, auto);
    },
    /** The published report's link for the community, or null before it is published. */
    reportLink,
    runAction(ref: StepRef): RunActionResult {
      const r = runActionTx.immediate(ref);
      if (r.entry) announce(ref.incidentId, r.entry, r.jobs);
      return { step: r.step, jobs: r.jobs, open: r.open === 'report' ? 'report' : null };
    },
  };
}
export type ChecklistService = ReturnType<typeof checklistService>;
