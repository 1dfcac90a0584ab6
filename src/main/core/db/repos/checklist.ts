// SQL for checklist steps: each incident's own copy of its runbook's steps, with state and version.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { stepStates, type ChecklistStep, type StepJob, type StepState } from '../../../../shared/checklist';
import { jobKinds, jobStates } from '../../../../shared/outbox';
import { runbookActionSchema, runbookCheckSchema, type RunbookStep } from '../../../../shared/runbook';
import { perDb } from '../perDb';

interface StepRow {
  incident_id: string;
  step_id: string;
  position: number;
  title: string;
  why: string;
  instructions: string;
  action: string | null;
  check_def: string | null;
  state: string;
  reason: string | null;
  done_by: string | null;
  done_at: number | null;
  done_via: string | null;
  version: number;
  updated_at: number;
}

interface JobRow {
  id: string;
  ref_id: string;
  kind: string;
  state: string;
  last_error: string | null;
  updated_at: number;
}

const stateSchema = z.enum(stepStates);
const viaSchema = z.enum(['manual', 'check']).nullable();
const jobSchema = z.object({ kind: z.enum(jobKinds as [string, ...string[]]), state: z.enum(jobStates) });

const toStep = (r: StepRow, jobs: StepJob[]): ChecklistStep => ({
  incidentId: r.incident_id,
  stepId: r.step_id,
  position: r.position,
  title: r.title,
  why: r.why,
  instructions: r.instructions,
  action: r.action === null ? null : runbookActionSchema.parse(JSON.parse(r.action)),
  check: r.check_def === null ? null : runbookCheckSchema.parse(JSON.parse(r.check_def)),
  state: stateSchema.parse(r.state),
  reason: r.reason,
  doneBy: r.done_by,
  doneAt: r.done_at === null ? null : new Date(r.done_at).toISOString(),
  doneVia: viaSchema.parse(r.done_via),
  version: r.version,
  updatedAt: new Date(r.updated_at).toISOString(),
  jobs,
});

export interface StepChange {
  state: StepState;
  reason: string | null;
  doneBy: string | null;
  doneAt: number | null;
  doneVia: 'manual' | 'check' | null;
  at: number;
}

export const checklistRepo = perDb((db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO checklist_steps (incident_id, step_id, position, title, why, instructions, action, check_def,
      updated_at)
     VALUES (@incidentId, @stepId, @position, @title, @why, @instructions, @action, @check, @at)`,
  );
  const all = db.prepare<[string], StepRow>('SELECT * FROM checklist_steps WHERE incident_id = ? ORDER BY position');
  const one = db.prepare<[string, string], StepRow>(
    'SELECT * FROM checklist_steps WHERE incident_id = ? AND step_id = ?',
  );
  const jobsOf = db.prepare<[string], JobRow>(
    `SELECT id, ref_id, kind, state, last_error, updated_at FROM outbox_jobs
     WHERE incident_id = ? AND ref_type = 'checklist_step' ORDER BY created_at, id`,
  );
  const jobsOfStep = db.prepare<[string, string], JobRow>(
    `SELECT id, ref_id, kind, state, last_error, updated_at FROM outbox_jobs
     WHERE incident_id = ? AND ref_type = 'checklist_step' AND ref_id = ? ORDER BY created_at, id`,
  );
  // Only moves when the version is the one the caller read: the guard against lost updates.
  const update = db.prepare(
    `UPDATE checklist_steps SET state = @state, reason = @reason, done_by = @doneBy, done_at = @doneAt,
       done_via = @doneVia, version = version + 1, updated_at = @at
     WHERE incident_id = @incidentId AND step_id = @stepId AND version = @version`,
  );

  const toJobs = (rows: JobRow[]): StepJob[] =>
    rows.flatMap((j) => {
      const parsed = jobSchema.safeParse(j);
      return parsed.success
        ? [
            {
              id: j.id,
              kind: parsed.data.kind as StepJob['kind'],
              state: parsed.data.state,
              lastError: j.last_error,
              at: new Date(j.updated_at).toISOString(),
            },
          ]
        : [];
    });

  return {
    instantiate(incidentId: string, steps: readonly RunbookStep[], at: number): void {
      steps.forEach((s, position) =>
        insert.run({
          incidentId,
          stepId: s.id,
          position,
          title: s.title,
          why: s.why,
          instructions: s.instructions,
          action: s.action ? JSON.stringify(s.action) : null,
          check: s.check ? JSON.stringify(s.check) : null,
          at,
        }),
      );
    },
    list(incidentId: string): ChecklistStep[] {
      const jobs = new Map<string, JobRow[]>();
      for (const j of jobsOf.all(incidentId)) jobs.set(j.ref_id, [...(jobs.get(j.ref_id) ?? []), j]);
      return all.all(incidentId).map((r) => toStep(r, toJobs(jobs.get(r.step_id) ?? [])));
    },
    get(incidentId: string, stepId: string): ChecklistStep | undefined {
      const r = one.get(incidentId, stepId);
      return r ? toStep(r, toJobs(jobsOfStep.all(incidentId, stepId))) : undefined;
    },
    /** False when the step's version moved on since `version` was read. */
    update(incidentId: string, stepId: string, version: number, c: StepChange): boolean {
      return update.run({ incidentId, stepId, version, ...c }).changes === 1;
    },
    /** A step whose action was just queued is under way: to do or blocked becomes in progress (others stay). */
    markUnderWay(step: { incidentId: string; stepId: string; version: number; state: string }, at: number): void {
      if (step.state !== 'todo' && step.state !== 'blocked') return;
      update.run({
        incidentId: step.incidentId,
        stepId: step.stepId,
        version: step.version,
        state: 'in_progress',
        reason: null,
        doneBy: null,
        doneAt: null,
        doneVia: null,
        at,
      });
    },
  };
});
export type ChecklistRepo = ReturnType<typeof checklistRepo>;
