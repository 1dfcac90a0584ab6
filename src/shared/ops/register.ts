// Outage register operations: every incident's figures from the record, filtered, and the same as CSV.
import { z } from 'zod';
import type { Register, RegisterCsv } from '../register';
import { storableText } from '../text';
import { op } from './define';

const day = (name: string) =>
  storableText(10, name).refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), {
    message: `${name} must be a date like 2026-11-26`,
  });

export const registerFilter = z
  .strictObject({
    /** Incidents whose impact started on or after this day (UTC). */
    from: day('from').optional(),
    /** …and on or before this day (UTC), inclusive. */
    to: day('to').optional(),
    severity: storableText(10, 'severity')
      .refine((s) => /^P[1-5]$/.test(s), { message: 'severity must be P1…P5' })
      .optional(),
    hub: storableText(100, 'hub').optional(),
    /** Incidents whose scope covers this cluster (the scope's cluster, or an affected hub's). */
    cluster: storableText(100, 'cluster').optional(),
    /** Incidents declared with this runbook (its id). */
    runbook: storableText(100, 'runbook').optional(),
  })
  .optional()
  .default({});

export const registerOps = {
  'register.list': op<Register>()(
    'The outage register: every incident (filtered by period, severity, hub, cluster, runbook) with impact ' +
      'start/end, duration, severity, time to first public reply, time to official start, time to resolve, report ' +
      'status and age, action items, and the timeline entries each figure came from; and per month the count, ' +
      'P1 count, median duration and median time to first reply.',
    registerFilter,
  ),
  'register.csv': op<RegisterCsv>()(
    'The outage register as CSV, the same rows and figures as register.list.',
    registerFilter,
  ),
};
