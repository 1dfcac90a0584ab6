// The outage register: every incident with its figures from the record, filters, a month chart and CSV export.
import { useEffect, useState, type ReactNode } from 'react';
import type { RegisterFigure, RegisterRow } from '../../../../shared/register';
import { reportStatusLabels } from '../../../../shared/report';
import { useNavigation } from '../search/navigation';
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

const figureNames: Record<RegisterFigure, string> = {
  severity: 'Severity',
  firstReply: 'First reply',
  officialStart: 'Official start',
  resolve: 'Resolved',
};

/** The "time to" columns, in order: each figure and the row's span behind it, shown short with its evidence. */
const timeToColumns = [
  ['firstReply', 'timeToFirstReplyMs'],
  ['officialStart', 'timeToOfficialStartMs'],
  ['resolve', 'timeToResolveMs'],
] as const satisfies ReadonlyArray<readonly [RegisterFigure, keyof RegisterRow]>;

/**
 * A figure with its evidence: clicking it opens the incident's timeline at the entry it came from (the last one, for a
 * figure made of several), and each further entry gets its own small numbered link.
 */
function Figure(props: { row: RegisterRow; figure: RegisterFigure; value: string; onOpenIncident(id: string): void }) {
  const { row, figure, value } = props;
  const ids = row.evidence[figure] ?? [];
  if (ids.length === 0) return <>{value}</>;
  const open = (entryId: string) => {
    props.onOpenIncident(row.incidentId);
    useNavigation.getState().go({ incidentId: row.incidentId, tab: 'timeline', noteId: null, entryId });
  };
  const name = figureNames[figure];
  return (
    <>
      <button
        type="button"
        className="link"
        aria-label={`${name} ${value}: open its evidence on the timeline`}
        onClick={() => open(ids.at(-1) as string)}
      >
        {value}
      </button>
      {ids.length > 1
        ? ids.map((id, i) => (
            <button
              key={id}
              type="button"
              className="cite"
              aria-label={`${name}: evidence ${i + 1} of ${ids.length}`}
              onClick={() => open(id)}
            >
              {i + 1}
            </button>
          ))
        : null}
    </>
  );
}

/**
 * A figure the report states (impact start, duration, the report's own state): it opens the incident's report, where
 * the figure is set and its proposal's evidence is cited.
 */
function FromReport(props: { row: RegisterRow; name: string; children: ReactNode; onOpenIncident(id: string): void }) {
  const { row } = props;
  return (
    <button
      type="button"
      className="link"
      aria-label={`${props.name}: open the report of “${row.title}”`}
      onClick={() => {
        props.onOpenIncident(row.incidentId);
        useNavigation.getState().go({ incidentId: row.incidentId, tab: 'report', noteId: null, entryId: null });
      }}
    >
      {props.children}
    </button>
  );
}

export function RegisterScreen({ onOpenIncident }: { onOpenIncident(incidentId: string): void }) {
  const { register, error, filter, setFilter, load, csv } = useRegister();
  const [exported, setExported] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  const field = (key: 'from' | 'to' | 'hub' | 'cluster' | 'runbook', label: string, type = 'text') => (
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
          {field('hub', 'Hub')}
          {field('cluster', 'Cluster')}
          {field('runbook', 'Runbook')}
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
              <th>Official start</th>
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
                <td>
                  <Figure row={r} onOpenIncident={onOpenIncident} figure="severity" value={r.severity ?? '—'} />
                </td>
                <td>
                  <FromReport row={r} name="Impact start" onOpenIncident={onOpenIncident}>
                    <time dateTime={r.impactStart}>{formatTime(r.impactStart)}</time>
                  </FromReport>
                </td>
                <td>
                  {r.durationMs === null ? (
                    <span className="muted">ongoing or no end</span>
                  ) : (
                    <FromReport
                      row={r}
                      name={`Duration ${shortDuration(r.durationMs)}`}
                      onOpenIncident={onOpenIncident}
                    >
                      {shortDuration(r.durationMs)}
                    </FromReport>
                  )}
                </td>
                {timeToColumns.map(([figure, key]) => (
                  <td key={figure}>
                    <Figure row={r} onOpenIncident={onOpenIncident} figure={figure} value={shortDuration(r[key])} />
                  </td>
                ))}
                <td>
                  <FromReport row={r} name="Report" onOpenIncident={onOpenIncident}>
                    {r.reportStatus ? reportStatusLabels[r.reportStatus] : 'Not started'}
                  </FromReport>
                  {r.reportAgeDays !== null && r.reportStatus !== 'closed' ? (
                    <span className="muted small"> · {r.reportAgeDays}d</span>
                  ) : null}
                </td>
                <td>
                  {r.actionItems.total
                    ? `${r.actionItems.withIssue}/${r.actionItems.total} with issue` +
                      (r.actionItems.open ? `, ${r.actionItems.open} open` : '')
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
