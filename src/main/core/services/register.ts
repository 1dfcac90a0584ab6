// The outage register over every incident: rows read in one transaction, figures computed from each record.
import type { OpParsed } from '../../../shared/contract';
import type { Register, RegisterCsv } from '../../../shared/register';
import { hubsRepo } from '../db/repos/hubs';
import { incidentsRepo } from '../db/repos/incidents';
import { reportRepo } from '../db/repos/report';
import { matches, registerCsv, registerMonths, registerRow } from '../report/register';
import type { ServiceDeps } from '../ports';

export function registerService({ db, clock }: Pick<ServiceDeps, 'db' | 'clock'>) {
  const incidents = incidentsRepo(db);
  const report = reportRepo(db);
  const hubs = hubsRepo(db);
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
