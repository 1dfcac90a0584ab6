// The handoff dialog: the editable brief, the new commander (their local time, an out-of-hours warning), the
// confirmation the process requires, Send, then each part's progress with Retry on a failed one.
import { useRef } from 'react';
import type { HandoffPart } from '../../../../shared/ops/handoff';
import { useFocusTrap } from '../../ui/focusTrap';
import { useHandoff } from './store';
import './handoff.css';

const stateWords: Record<string, string> = {
  queued: 'waiting',
  sending: 'sending…',
  retrying: 'will retry',
  uncertain: 'checking…',
  sent: 'done',
  dead: 'failed',
  discarded: 'discarded',
};

function Part({ part, onRetry }: { part: HandoffPart; onRetry: (id: string) => void }) {
  return (
    <li className={`handoff-part state-${part.state}`}>
      <span className="part-label">{part.label}</span>
      <span className="part-state">{stateWords[part.state] ?? part.state}</span>
      {part.state === 'dead' ? (
        <>
          <span className="part-error">{part.lastError ?? 'failed'}</span>
          <button type="button" onClick={() => onRetry(part.jobId)}>
            Retry
          </button>
        </>
      ) : null}
    </li>
  );
}

export function HandoffDialog({ incidentTitle }: { incidentTitle: string }) {
  const s = useHandoff();
  const dialogRef = useRef<HTMLElement>(null);
  useFocusTrap(dialogRef, !!s.incidentId);
  if (!s.incidentId) return null;
  const d = s.draft;
  const to = d?.candidates.find((c) => c.personId === s.toPersonId) ?? null;
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') s.close();
  };
  return (
    <div className="composer-backdrop">
      <section
        ref={dialogRef}
        className="composer handoff"
        role="dialog"
        aria-modal="true"
        aria-label="Hand off command"
        tabIndex={-1}
        onKeyDown={onKey}
      >
        <header className="composer-head">
          <h2>Hand off command</h2>
          <span className="muted composer-for">{incidentTitle}</span>
          <button type="button" className="composer-close" onClick={s.close}>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        {s.status ? (
          <div className="handoff-progress" role="status">
            <p>
              Command handed to <strong>{s.status.toName}</strong>.{' '}
              {s.status.complete
                ? 'Everything went out.'
                : s.status.failed > 0
                  ? 'A part failed: retry it below.'
                  : 'Sending the parts…'}
            </p>
            <ol className="handoff-parts">
              {s.status.parts.map((p) => (
                <Part key={p.jobId} part={p} onRetry={(id) => void s.retry(id)} />
              ))}
              <li className="handoff-part state-sent">
                <span className="part-label">Recorded on the timeline; {s.status.toName} is commander here</span>
                <span className="part-state">done</span>
              </li>
            </ol>
          </div>
        ) : (
          <>
            <fieldset className="handoff-people">
              <legend>New commander</legend>
              {d?.candidates
                .filter((c) => !c.isCommander)
                .map((c) => (
                  <label key={c.personId} className={c.personId === s.toPersonId ? 'candidate selected' : 'candidate'}>
                    <input
                      type="radio"
                      name="handoff-to"
                      checked={c.personId === s.toPersonId}
                      onChange={() => void s.pickPerson(c.personId)}
                    />
                    <span className="cand-name">{c.name}</span>
                    <span className="muted">
                      {c.localTime} {c.timeZone}
                    </span>
                    {c.outsideWorkingHours ? <span className="cand-warn">outside working hours</span> : null}
                    {d.pagerdutyConnected && !c.hasPagerdutyUser ? (
                      <span className="cand-warn">no PagerDuty user</span>
                    ) : null}
                  </label>
                ))}
            </fieldset>
            {d && d.warnings.length > 0 ? (
              <ul className="handoff-warnings" role="alert">
                {d.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
            <label className="composer-text">
              Brief (goes to PagerDuty as a note and to the Slack channel as a top-level message)
              <textarea
                value={s.brief}
                onChange={(e) => s.editBrief(e.target.value)}
                rows={16}
                disabled={s.loading && !s.brief}
              />
            </label>
            <label className="handoff-check">
              <input
                type="checkbox"
                checked={d?.liaisonMoves ?? false}
                onChange={(e) => void s.setLiaisonMoves(e.target.checked)}
              />
              The community liaison duty moves too (the ticket is assigned to them)
            </label>
            <label className="handoff-check">
              <input
                type="checkbox"
                checked={s.confirmed}
                onChange={(e) => s.setConfirmed(e.target.checked)}
                disabled={!to}
              />
              {to ? `${to.name} confirmed they can take command` : 'They confirmed they can take command'}
            </label>
            {d ? <p className="muted handoff-plan">On send: {d.parts.join(' · ')}</p> : null}
          </>
        )}
        {s.error ? (
          <p className="handoff-error" role="alert">
            {s.error.message}
          </p>
        ) : null}
        <div className="composer-actions">
          {s.status ? (
            // A new element (its key), focused when the sent view replaces the Hand off button (which had it), so
            // Escape
            // and Enter still reach the dialog instead of the page behind it.
            <button key="done" type="button" onClick={s.close} autoFocus>
              Done
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={s.sending || !to || !s.confirmed}
              onClick={() => void s.send()}
            >
              {s.sending ? 'Handing off…' : 'Hand off'}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
