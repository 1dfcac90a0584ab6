// A banner while any job needs you: Conn could not tell whether the vendor got it. Three choices, each explicit.
import { useEffect, useState } from 'react';
import type { OutboxJobView } from '../../../../shared/outbox';
import { Modal } from '../../ui/Modal';
import { formatTime, localTitle } from '../../ui/time';
import { againEffect, jobSummary, vendorOfJob } from './jobText';
import { useOutbox } from './store';

function SendAgainConfirm({ job, onConfirm, onClose }: { job: OutboxJobView; onConfirm(): void; onClose(): void }) {
  return (
    <Modal label="Send again?" onClose={onClose}>
      <h2>Send again?</h2>
      <p>
        {againEffect([job])} If {vendorOfJob(job)} did get the first one, people will see it twice.
      </p>
      <div className="job-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          Send again
        </button>
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

export function NeedsYouBanner() {
  const count = useOutbox((s) => s.status?.needsYou ?? 0);
  const jobs = useOutbox((s) => s.jobs);
  const { loadJobs, resolve, busy } = useOutbox();
  const [confirming, setConfirming] = useState<OutboxJobView | null>(null);
  useEffect(() => {
    if (count > 0) void loadJobs();
  }, [count, loadJobs]);
  const waiting = jobs.filter((j) => j.state === 'needs_you');
  if (count === 0 || waiting.length === 0) return null;
  return (
    <div className="needs-you-banner" role="region" aria-label="Requests that need you">
      <strong>{waiting.length === 1 ? 'One request needs you:' : `${waiting.length} requests need you:`}</strong>
      <ul>
        {waiting.map((j) => (
          <li key={j.id}>
            <span>
              Conn could not tell whether {vendorOfJob(j)} got “{jobSummary(j).slice(0, 80)}”, sent{' '}
              <time dateTime={j.createdAt} title={localTitle(j.createdAt)}>
                {formatTime(j.createdAt)}
              </time>
              . Later requests to {vendorOfJob(j)} for this incident wait for your answer; everything else goes on.
            </span>
            <button type="button" disabled={busy[j.id]} onClick={() => void resolve(j.id, 'mark_sent')}>
              It arrived: mark sent
            </button>
            <button type="button" disabled={busy[j.id]} onClick={() => setConfirming(j)}>
              Send again…
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy[j.id]}
              onClick={() => void resolve(j.id, 'discard')}
            >
              Discard
            </button>
          </li>
        ))}
      </ul>
      {confirming ? (
        <SendAgainConfirm
          job={confirming}
          onClose={() => setConfirming(null)}
          onConfirm={() => {
            const id = confirming.id;
            setConfirming(null);
            void resolve(id, 'send_again');
          }}
        />
      ) : null}
    </div>
  );
}
