// The outbox panel: every vendor request with its state and reason, and retry / edit / discard for failures.
import { jobKindLabel } from '../../../../shared/labels';
import { useEffect, useState } from 'react';
import type { OutboxJobView } from '../../../../shared/outbox';
import { formatTime, localTitle } from '../../ui/time';
import { jobSummary } from './jobText';
import { useOutbox } from './store';
import './outbox.css';

const stateText: Record<OutboxJobView['state'], string> = {
  queued: 'queued',
  sending: 'sending',
  retrying: 'will retry',
  uncertain: 'checking',
  needs_you: 'needs you',
  sent: 'sent',
  dead: 'failed',
  discarded: 'discarded',
};

function JobRow({ job }: { job: OutboxJobView }) {
  const { retry, discard, resolve, edit, busy } = useOutbox();
  const [editing, setEditing] = useState<string | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const final = job.state === 'sent' || job.state === 'discarded';
  // Every row that is not final has Retry and Discard; one in flight shows them, disabled, for a moment.
  const inFlight = job.state === 'sending';
  const unsettled = job.state === 'uncertain' || job.state === 'needs_you';
  return (
    <li className={`job job-${job.state}`}>
      <div className="job-line">
        <span className={`job-state state-${job.state}`}>{stateText[job.state]}</span>
        <span className="job-kind">{jobKindLabel(job.kind)}</span>
        <span className="job-summary">{jobSummary(job)}</span>
        <time dateTime={job.createdAt} title={localTitle(job.createdAt)} className="muted">
          {formatTime(job.createdAt)}
        </time>
      </div>
      {job.reason && job.state !== 'sent' ? (
        <p className={job.state === 'dead' || job.state === 'needs_you' ? 'job-reason error' : 'job-reason muted'}>
          {job.reason}
        </p>
      ) : null}
      {job.detail && job.state !== 'sent' ? (
        <details className="raw-error">
          <summary>Technical detail</summary>
          <code>{job.detail}</code>
        </details>
      ) : null}
      {!final ? (
        <div className="job-actions">
          {job.state === 'needs_you' ? (
            <button type="button" disabled={busy[job.id]} onClick={() => void resolve(job.id, 'mark_sent')}>
              It arrived: mark sent
            </button>
          ) : null}
          <button
            type="button"
            disabled={busy[job.id] || inFlight}
            title={
              inFlight
                ? 'Being sent right now'
                : unsettled
                  ? 'Check at the vendor now whether it arrived'
                  : 'Send it now'
            }
            onClick={() => void retry(job.id)}
          >
            {unsettled ? 'Retry check' : 'Retry'}
          </button>
          {job.state === 'dead' ? (
            <button type="button" onClick={() => setEditing(JSON.stringify(job.payload, null, 2))}>
              Edit
            </button>
          ) : null}
          <button
            type="button"
            className="danger"
            disabled={busy[job.id] || inFlight}
            title={unsettled ? 'Stop checking; it is never sent again' : 'It will never be sent'}
            onClick={() => void discard(job.id)}
          >
            Discard
          </button>
        </div>
      ) : null}
      {editing !== null ? (
        <form
          className="job-edit"
          onSubmit={async (e) => {
            e.preventDefault();
            const err = await edit(job.id, editing);
            setEditError(err);
            if (!err) setEditing(null);
          }}
        >
          <label>
            Payload (JSON)
            <textarea rows={5} value={editing} onChange={(e) => setEditing(e.target.value)} />
          </label>
          {editError ? (
            <p role="alert" className="error">
              {editError}
            </p>
          ) : null}
          <div className="job-actions">
            <button type="submit" className="primary">
              Save and send
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

export function OutboxPanel() {
  const { jobs, error, loadJobs } = useOutbox();
  const [showSent, setShowSent] = useState(false);
  useEffect(() => {
    void loadJobs();
  }, [loadJobs]);
  const shown = showSent ? jobs : jobs.filter((j) => j.state !== 'sent' && j.state !== 'discarded');
  return (
    <section className="outbox-panel" aria-label="Outbox">
      <header className="outbox-head">
        <h1>Outbox</h1>
        <label className="inline">
          <input type="checkbox" checked={showSent} onChange={(e) => setShowSent(e.target.checked)} />
          Show sent and discarded
        </label>
      </header>
      <p className="muted">
        Everything Conn sends to PagerDuty, Freshdesk and Slack waits here until the vendor has it.
      </p>
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      {shown.length === 0 ? <p className="empty">Nothing waiting: every request has been delivered.</p> : null}
      <ul className="jobs">
        {shown.map((j) => (
          <JobRow key={j.id} job={j} />
        ))}
      </ul>
    </section>
  );
}
