// Checks operations: read vendor state and confirm the checklist steps it shows done.
import { z } from 'zod';
import type { CheckType } from '../runbook';
import { id } from '../text';
import { event, op } from './define';

export interface CheckResult {
  stepId: string;
  title: string;
  check: CheckType;
  status: 'confirmed' | 'not_yet' | 'unknown';
  /** What the vendor showed (confirmed) or why not (not yet / unknown), in plain words. */
  detail: string;
  url: string | null;
  /** True when this run marked the step done. */
  confirmedNow: boolean;
}

export interface ChecksRun {
  incidentId: string;
  at: string;
  results: CheckResult[];
}

export const checkOps = {
  'checks.run': op<ChecksRun>()(
    "Ask PagerDuty, Slack and Freshdesk now whether the incident's open steps with a check are done there; " +
      'confirmed steps are marked done (by a check). Conn also does this every minute while the incident is open.',
    z.strictObject({ incidentId: id }),
  ),
};

export const checkEvents = {
  'checks.completed': event<ChecksRun>(),
};
