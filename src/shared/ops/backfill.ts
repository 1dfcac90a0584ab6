// Reports for past incidents: build a Conn incident (with its full record) from a PagerDuty incident, and list the
// account's recent PagerDuty incidents that have no Closed report in Conn.
import { z } from 'zod';
import type { ReportStatus } from '../report';
import { storableText } from '../text';
import { op } from './define';
import type { Incident } from '../domain';
import type { TakeoverPreview } from './handoff';

/** A past incident built in Conn: the take-over preview with the incident it now has and what was imported. */
export interface BackfillStarted extends Omit<TakeoverPreview, 'incident'> {
  incident: Incident;
  imported: { fetched: number; added: number };
}

export interface BackfillDebtItem {
  pagerdutyId: string;
  /** PagerDuty's incident number, when its answer carried one. */
  number: number | null;
  title: string;
  url: string;
  createdAt: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low' | null;
  priority: string | null;
  /** The Conn incident built from it, if any, and its report's status. */
  incidentId: string | null;
  reportStatus: ReportStatus | null;
}

export const backfillOps = {
  'backfill.start': op<BackfillStarted>()(
    'Write a report for a past incident: from a PagerDuty incident (URL or id), find its Slack channel and Freshdesk ' +
      'ticket, build the incident in Conn and import its whole record (thread replies included). Repeating it ' +
      're-imports into the same incident.',
    z.strictObject({
      pagerdutyIncident: storableText(300, 'pagerdutyIncident')
        .transform((s) => s.trim())
        .pipe(z.string().min(1)),
    }),
  ),
  'backfill.debt': op<BackfillDebtItem[]>()(
    'PagerDuty incidents of the last `days` days (default 90) with high urgency, or the chosen priority, that have ' +
      'no Closed report in Conn; newest first.',
    z
      .strictObject({
        days: z.number().int().min(1).max(180).optional(),
        priority: storableText(20, 'priority').optional(),
      })
      .optional()
      .default({}),
  ),
};
