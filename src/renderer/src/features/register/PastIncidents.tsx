// "Write a report for a past incident": from a PagerDuty incident URL or id, and the report debt from PagerDuty
// (the last 90 days' high-urgency incidents without a Closed report), each one click from starting.
import { useState } from 'react';
import { reportStatusLabels } from '../../../../shared/report';
import { formatTime } from '../../ui/time';
import { useRegister } from './store';

export function PastIncidents({ onOpenIncident }: { onOpenIncident(incidentId: string): void }) {
  const { pdDebt, backfillError, backfilling, loadPdDebt, backfill } = useRegister();
  const [ref, setRef] = useState('');
  const start = async (pagerdutyIncident: string) => {
    const id = await backfill(pagerdutyIncident);
    if (id) onOpenIncident(id);
  };
  return (
    <section className="past-incidents" aria-label="Reports for past incidents">
      <form
        className="row"
        aria-label="Write a report for a past incident"
        onSubmit={(e) => {
          e.preventDefault();
          if (ref.trim()) void start(ref.trim());
        }}
      >
        <label>
          Write a report for a past incident
          <input value={ref} onChange={(e) => setRef(e.target.value)} placeholder="PagerDuty incident URL or id" />
        </label>
        <button type="submit" disabled={!ref.trim() || backfilling !== null}>
          {backfilling === ref.trim() && ref.trim() ? 'Importing…' : 'Build from the record'}
        </button>
        <button type="button" onClick={() => void loadPdDebt()}>
          PagerDuty incidents without a report (90 days)
        </button>
      </form>
      {backfillError ? (
        <p role="alert" className="error">
          {backfillError.message}
        </p>
      ) : null}
      {pdDebt !== null ? (
        pdDebt.length === 0 ? (
          <p className="muted small">Every high-urgency PagerDuty incident of the last 90 days has a Closed report.</p>
        ) : (
          <ul className="pd-debt" aria-label="Report debt from PagerDuty">
            {pdDebt.map((d) => (
              <li key={d.pagerdutyId}>
                <span>
                  #{d.number} {d.title}
                </span>
                <span className="muted small">
                  {formatTime(d.createdAt)}
                  {d.priority ? ` · ${d.priority}` : ''} ·{' '}
                  {d.reportStatus ? `report ${reportStatusLabels[d.reportStatus]}` : 'no report'}
                </span>
                <button
                  type="button"
                  disabled={backfilling !== null}
                  onClick={() => void (d.incidentId ? onOpenIncident(d.incidentId) : start(d.pagerdutyId))}
                >
                  {d.incidentId ? 'Open' : backfilling === d.pagerdutyId ? 'Importing…' : 'Start'}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
