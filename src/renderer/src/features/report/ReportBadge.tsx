// A small badge in the incident list for a resolved incident whose report is not Closed yet.
import { reportStatusLabels } from '../../../../shared/report';
import { useReport } from './store';

export function ReportBadge({ incidentId }: { incidentId: string }) {
  const owed = useReport((s) => s.debt.find((d) => d.incidentId === incidentId));
  if (!owed) return null;
  return (
    <span className="report-badge" title="The report for this resolved incident is not Closed yet">
      report: {reportStatusLabels[owed.reportStatus]}
    </span>
  );
}
