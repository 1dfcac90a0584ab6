// Take over an incident another Conn handed off: a PagerDuty incident id or URL (or the Slack channel), a
// preview of what was imported (the brief, the links), then Confirm to become commander here.
import { useRef } from 'react';
import type { ImportSource } from '../../../../shared/ops/recordImport';
import { useFocusTrap } from '../../ui/focusTrap';
import { useTakeover } from './store';
import './handoff.css';

const SOURCE_LABELS: Record<ImportSource, string> = {
  pagerduty: 'PagerDuty',
  slack: 'Slack',
  freshdesk: 'Freshdesk',
  github: 'GitHub',
};

export function TakeoverButton() {
  const show = useTakeover((s) => s.show);
  return (
    <button type="button" className="takeover-button" onClick={show}>
      Take over
    </button>
  );
}

export function TakeoverDialog() {
  const s = useTakeover();
  const dialogRef = useRef<HTMLElement>(null);
  useFocusTrap(dialogRef, s.open);
  if (!s.open) return null;
  const p = s.preview;
  return (
    <div className="composer-backdrop">
      <section
        ref={dialogRef}
        className="composer takeover"
        role="dialog"
        aria-modal="true"
        aria-label="Take over an incident"
        tabIndex={-1}
        onKeyDown={(e) => e.key === 'Escape' && s.hide()}
      >
        <header className="composer-head">
          <h2>Take over an incident</h2>
          <button type="button" className="composer-close" onClick={s.hide}>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        <form
          className="takeover-form"
          onSubmit={(e) => {
            e.preventDefault();
            void s.fetch();
          }}
        >
          <label>
            PagerDuty incident id or URL, or the Slack channel
            <input
              value={s.ref}
              onChange={(e) => s.setRef(e.target.value)}
              placeholder="Q1ABCD2EFGH3IJ, https://…/incidents/…, or #inc-20261126-hub"
              autoFocus
            />
          </label>
          <button type="submit" disabled={s.loading || !s.ref.trim()}>
            {s.loading ? 'Reading PagerDuty, Slack and Freshdesk…' : 'Import'}
          </button>
        </form>
        {s.error ? (
          <p className="handoff-error" role="alert">
            {s.error.message}
          </p>
        ) : null}
        {p ? (
          <div className="takeover-preview">
            <h3>{p.title}</h3>
            <dl>
              {p.pagerduty ? (
                <>
                  <dt>PagerDuty</dt>
                  <dd>
                    {p.pagerduty.status} · {p.pagerduty.service} · assigned to{' '}
                    {p.pagerduty.assignees.join(', ') || 'nobody'}
                  </dd>
                </>
              ) : null}
              {p.slackChannel ? (
                <>
                  <dt>Slack</dt>
                  <dd>#{p.slackChannel.name ?? p.slackChannel.id}</dd>
                </>
              ) : null}
              {p.ticket ? (
                <>
                  <dt>Ticket</dt>
                  <dd>
                    #{p.ticket.id} {p.ticket.subject}
                  </dd>
                </>
              ) : null}
              <dt>Timeline</dt>
              <dd>
                {p.record.entries} entries to import on Confirm
                {p.existing ? ' (already on this machine; only new ones are added)' : ''}
              </dd>
            </dl>
            {p.sources.length ? (
              <ul className="takeover-sources" aria-label="What was read from each source">
                {p.sources.map((x) => (
                  <li key={x.source} className={x.status === 'failed' ? 'failed' : 'ok'}>
                    <strong>{SOURCE_LABELS[x.source]}</strong>:{' '}
                    {x.status === 'ok' ? `read (${x.fetched} records)` : `failed: ${x.reason ?? 'no reason given'}`}
                  </li>
                ))}
              </ul>
            ) : null}
            {p.sources.some((x) => x.status === 'failed') ? (
              <button type="button" disabled={s.loading} onClick={() => void s.retryFailed()}>
                {s.loading
                  ? 'Reading again…'
                  : `Retry ${p.sources
                      .filter((x) => x.status === 'failed')
                      .map((x) => SOURCE_LABELS[x.source])
                      .join(' and ')}`}
              </button>
            ) : null}
            {p.warnings.length ? (
              <ul className="handoff-warnings">
                {p.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
            <h4>Handoff brief</h4>
            <pre className="takeover-brief">{p.brief ?? 'No brief was found.'}</pre>
            <label className="handoff-check">
              <input type="checkbox" checked={s.confirmed} onChange={(e) => s.setConfirmed(e.target.checked)} />I am
              taking command (the previous commander knows)
            </label>
            <div className="composer-actions">
              <button
                type="button"
                className="primary"
                disabled={!s.confirmed || s.confirming}
                onClick={() => void s.confirm()}
              >
                {s.confirming ? 'Taking over…' : 'Confirm: I am the commander'}
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}
