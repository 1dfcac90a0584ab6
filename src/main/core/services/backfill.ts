// Reports for past incidents. Building the incident reuses the take-over (which finds the Slack channel and the
// Freshdesk ticket from the PagerDuty incident and imports the whole record) without taking command; this adds the
// report-debt view over the account's recent PagerDuty incidents.
import type { OpParsed } from '../../../shared/contract';
import type { BackfillDebtItem, BackfillStarted } from '../../../shared/ops/backfill';
import { AppError } from '../../../shared/result';
import { incidentLinksRepo } from '../db/repos/incidentLinks';
import { reportRepo } from '../db/repos/report';
import type { PdIncident } from '../integrations';
import type { ClientsPort } from '../importer/clients';
import { asAppError } from '../importer/errors';
import type { ServiceDeps } from '../ports';
import type { TakeoverService } from './takeover';

const DAY = 24 * 60 * 60 * 1000;

export interface BackfillDeps extends Pick<ServiceDeps, 'db' | 'clock'> {
  clients: ClientsPort;
  takeover: Pick<TakeoverService, 'import' | 'materialise'>;
}

/** Whether a PagerDuty incident counts for report debt: the chosen priority, else high urgency. */
export function owesReport(i: Pick<PdIncident, 'urgency' | 'priority'>, priority?: string): boolean {
  if (priority) return (i.priority?.summary ?? i.priority?.name ?? '').toLowerCase() === priority.trim().toLowerCase();
  return i.urgency === 'high';
}

export function backfillService({ db, clock, clients, takeover }: BackfillDeps) {
  const links = incidentLinksRepo(db);
  const reports = reportRepo(db);
  return {
    async start({ pagerdutyIncident }: OpParsed<'backfill.start'>): Promise<BackfillStarted> {
      // The take-over preview writes nothing; a past incident is built at once (nobody takes command of it).
      const preview = await takeover.import({ pagerdutyIncident });
      return takeover.materialise(preview.previewId);
    },

    async debt({ days, priority }: OpParsed<'backfill.debt'> = {}): Promise<BackfillDebtItem[]> {
      const pd = clients().pagerduty;
      if (!pd)
        throw new AppError('precondition_failed', 'Connect PagerDuty first (Connections) to list its past incidents.');
      const now = clock.now();
      let list: PdIncident[];
      try {
        list = await pd.listIncidents(
          new Date(now - (days ?? 90) * DAY).toISOString(),
          new Date(now + 60_000).toISOString(),
        );
      } catch (err) {
        throw asAppError(err, 'Listing PagerDuty incidents');
      }
      return list
        .filter((i) => owesReport(i, priority))
        .map((i): BackfillDebtItem => {
          const incidentId = links.byPagerDuty(i.id)?.incidentId ?? null;
          const reportStatus = incidentId ? (reports.draft(incidentId)?.status ?? null) : null;
          return {
            pagerdutyId: i.id,
            number: i.incident_number ?? null,
            title: i.title,
            url: i.html_url,
            createdAt: new Date(i.created_at).toISOString(),
            status: i.status,
            urgency: i.urgency ?? null,
            priority: i.priority?.summary ?? i.priority?.name ?? null,
            incidentId,
            reportStatus,
          };
        })
        .filter((d) => d.reportStatus !== 'closed')
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  };
}
export type BackfillService = ReturnType<typeof backfillService>;
