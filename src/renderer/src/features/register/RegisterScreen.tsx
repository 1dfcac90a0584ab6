// The outage register: every incident with its figures from the record, filters, a month chart and CSV export.
import { useEffect, useState } from 'react';
import { reportStatusLabels } from '../../../../shared/report';
import { formatTime } from '../../ui/time';
import { MonthChart } from './MonthChart';
import { PastIncidents } from './PastIncidents';
import { shortDuration } from './format';
import { useRegister } from './store';
import './register.css';

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RegisterScreen({ onOpenIncident }: { onOpenIncident(incidentId: string): void }) {
  const { register, error, filter, setFilter, load, csv } = useRegister();
  const [exported, setExported] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  const field = (key: 'from' | 'to' | 'hub', label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={filter[key] ?? ''} onChange={(e) => setFilter({ ...filter, [key]: e.target.value })} />
    </label>
  );
  const rows = register?.rows ?? [];
  return (
    <section className="panel register" aria-label="Outage register">
      <div className="register-head">
        <h1>Outage register</h1>
        <form
          className="register-filters"
          role="search"
          aria-label="Filter the register"
          onSubmit={(e) => e.preventDefault()}
        >
          {field('from', 'From', 'date')}
          {field('to', 'To', 'date')}
          <label>
            Severity
            <select
              value={filter.severity ?? ''}
              onChange={(e) => setFilter({ ...filter, severity: e.target.value || undefined })}
            >
              <option value="">Any</option>
              {['P1', 'P2', 'P3', 'P4', 'P5'].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          {field('hub', 'Hub or cluster')}
          <button
            type="button"
            onClick={async () => {
              const out = await csv();
              if (!out) return;
              download(out.fileName, out.csv);
              setExported(`Exported ${out.fileName}.`);
            }}
          >
            Export CSV
          </button>
        </form>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      {exported ? <p className="muted small">{exported}</p> : null}
      <PastIncidents onOpenIncident={onOpenIncident} />
      {register ? <MonthChart months={register.months} /> : null}
      {register && rows.length === 0 ? <p className="muted">No incidents match.</p> : null}
      {rows.length ? (
        <table className="register-table">
          <thead>
            <tr>
              <th>Incident</th>
              <th>Hub</th>
              <th>Severity</th>
              <th>Impact start</th>
              <th>Duration</th>
              <th>First reply</th>
              <th>Resolved after</th>
              <th>Report</th>
              <th>Action items</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.incidentId}>
                <td>
                  <button type="button" className="link" onClick={() => onOpenIncident(r.incidentId)}>
                    {r.title}
                  </button>
                </td>
                <td>{r.hub ?? '—'}</td>
                <td>{r.severity ?? '—'}</td>
                <td>
                  <time dateTime={r.impactStart}>{formatTime(r.impactStart)}</time>
                </td>
                <td>
                  {r.durationMs === null ? (
                    <span className="muted">ongoing or no end</span>
                  ) : (
                    shortDuration(r.durationMs)
                  )}
                </td>
                <td>{shortDuration(r.timeToFirstReplyMs)}</td>
                <td>{shortDuration(r.timeToResolveMs)}</td>
                <td>
                  {r.reportStatus ? reportStatusLabels[r.reportStatus] : 'Not started'}
                  {r.reportAgeDays !== null && r.reportStatus !== 'closed' ? (
                    <span className="muted small"> · {r.reportAgeDays}d</span>
                  ) : null}
                </td>
                <td>{r.actionItems.total ? `${r.actionItems.withIssue}/${r.actionItems.total} with issue` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
