// Checklist steps as the renderer sees them: a runbook step's copy per incident, with its state.
import type { JobState, JobKind } from './outbox';
import type { RunbookAction, RunbookCheck } from './runbook';

export const stepStates = ['todo', 'in_progress', 'done', 'skipped', 'blocked'] as const;
export type StepState = (typeof stepStates)[number];

export interface StepJob {
  id: string;
  kind: JobKind;
  state: JobState;
  lastError: string | null;
  /** When it last changed (for a sent job: when it was sent). */
  at: string;
}

export interface ChecklistStep {
  incidentId: string;
  stepId: string;
  position: number;
  title: string;
  why: string;
  instructions: string;
  action: RunbookAction | null;
  check: RunbookCheck | null;
  state: StepState;
  /** Required for skipped and blocked; the optional note otherwise. */
  reason: string | null;
  doneBy: string | null;
  doneAt: string | null;
  doneVia: 'manual' | 'check' | null;
  /** Bumped on every change; send it back as expectedVersion to detect edits from another window. */
  version: number;
  updatedAt: string;
  jobs: StepJob[];
}

export interface ChecklistChanged {
  incidentId: string;
  steps: ChecklistStep[];
}

/** The step a commander should look at next: the first one not done or skipped. */
export function nextOpenStep<T extends { state: StepState }>(steps: readonly T[]): T | undefined {
  return steps.find((s) => s.state !== 'done' && s.state !== 'skipped');
}
