// The outage register over every incident: rows read in one transaction, figures computed from each record.
import type { OpParsed } from '../../../shared/contract';
import type { Register, RegisterCsv } from '../../../shared/register';
import { hubsRepo } from '../db/repos/hubs';
import { incidentsRepo } from '../db/repos/incidents';
import { reportRepo } from '../db/repos/report';
import { matches, registerCsv, registerMonths, registerRow, type SentJob } from '../report/register';
import type { ServiceDeps } from '../ports';

export function registerService({ db, clock }: Pick<ServiceDeps, 'db' | 'clock'>) {
  const incidents = incidentsRepo(db);
  const report = reportRepo(db);
  const hubs = hubsRepo(db);
  // Each sent job with the timeline entry it belongs to: its checklist step done, or the note it shares.
  const sentJobs = db.prepare<[string], SentJob>(
    `SELECT j.kind, j.updated_at AS at,
       (SELECT t.id FROM timeline_entries t WHERE t.incident_id = j.incident_id AND t.ref_id = j.ref_id
        ORDER BY t.kind = 'step_done' DESC, t.at DESC, t.id LIMIT 1) AS entryId
     FROM outbox_jobs j WHERE j.incident_id = ? AND j.state = 'sent' AND j.ref_id IS NOT NULL`,
  );
  const clustersOf = (incidentId: string): string[] => {
    const scope = hubs.scope(incidentId);
    return [
      ...(scope?.kind === 'cluster' ? [scope.value] : []),
      ...hubs
        .affected(incidentId)
        .filter((h) => !h.excluded)
        .map((h) => h.cluster),
    ];
  };

  const rowsTx = db.transaction((filter: OpParsed<'register.list'>) => {
    const now = clock.now();
    return incidents
      .list()
      .map((incident) =>
        registerRow(
          {
            incident,
            draft: report.draft(incident.id),
            items: report.items(incident.id),
            record: report.record(incident.id),
            clusters: clustersOf(incident.id),
            sent: sentJobs.all(incident.id),
          },
          now,
        ),
      )
      .filter((r) => matches(r, filter ?? {}))
      .sort((a, b) => b.impactStart.localeCompare(a.impactStart) || a.incidentId.localeCompare(b.incidentId));
  });

  return {
    list(filter: OpParsed<'register.list'>): Register {
      const rows = rowsTx.deferred(filter);
      return { rows, months: registerMonths(rows) };
    },
    csv(filter: OpParsed<'register.csv'>): RegisterCsv {
      const rows = rowsTx.deferred(filter);
      const stamp = new Date(clock.now()).toISOString().slice(0, 10);
      return { fileName: `outage-register-${stamp}.csv`, csv: registerCsv(rows) };
    },
  };
}
export type RegisterService = ReturnType<typeof registerService>;
