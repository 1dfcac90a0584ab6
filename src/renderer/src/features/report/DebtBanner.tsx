// A gentle in-app reminder while any resolved incident's report is not Closed; snoozes for a while.
import { useEffect, useState } from 'react';
import { ACTION_ITEM_DEBT_DAYS, reportStatusLabels } from '../../../../shared/report';
import { useIncidents } from '../incidents/store';
import { useReport } from './store';
import './report.css';

const RECHECK_MS = 10 * 60 * 1000;

export function DebtBanner() {
  const { debt, snoozedUntil, loadDebt, snooze } = useReport();
  const select = useIncidents((s) => s.select);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void loadDebt();
    const timer = setInterval(() => {
      setNow(Date.now());
      void loadDebt();
    }, RECHECK_MS);
    return () => clearInterval(timer);
  }, [loadDebt]);

  if (debt.length === 0 || now < snoozedUntil) return null;
  return (
    <div className="debt-banner" role="region" aria-label="Reports to finish">
      <span>
        {debt.length === 1
          ? 'One resolved incident still has an open report:'
          : `${debt.length} resolved incidents still have open reports:`}
      </span>
      {debt.slice(0, 3).map((d) => (
        <button key={d.incidentId} type="button" className="link" onClick={() => select(d.incidentId)}>
          {d.title} <span className="muted">(report {reportStatusLabels[d.reportStatus]})</span>
          {d.openActionItems ? (
            <span className="muted">
              {' '}
              · {d.openActionItems.open} of {d.openActionItems.total} action items still open after{' '}
              {ACTION_ITEM_DEBT_DAYS} days
            </span>
          ) : null}
        </button>
      ))}
      {debt.length > 3 ? <span className="muted">and {debt.length - 3} more</span> : null}
      <button
        type="button"
        className="quiet"
        onClick={() => {
          snooze();
          setNow(Date.now());
        }}
      >
        Remind me later
      </button>
    </div>
  );
}
