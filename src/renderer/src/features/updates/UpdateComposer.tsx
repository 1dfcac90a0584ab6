// The status-update composer: pick a template, edit the filled text, see unfilled placeholders, send
// to the ticket, Slack and PagerDuty in one go (Ctrl+Enter). Esc closes; drafts survive closing.
import { useEffect, useRef } from 'react';
import { placeholderNames, placeholdersIn, updateTemplates, type UpdateTemplate } from '../../../../shared/reminders';
import { useFocusTrap } from '../../ui/focusTrap';
import { PlaceholderPreview } from './PlaceholderPreview';
import { againEffect } from '../outbox/jobText';
import { useUpdates } from './store';
import './updates.css';

const templateLabels: Record<UpdateTemplate, string> = {
  first_response: 'First response',
  update: 'Update',
  resolved: 'Resolved',
};

export function UpdateComposer({ incidentTitle }: { incidentTitle: string }) {
  const { incidentId, template, drafts, loading, sending, error, sent, pick, edit, send, close } = useUpdates();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const dialogRef = useRef<HTMLElement>(null);
  useFocusTrap(dialogRef, !!incidentId);
  const draft = drafts[template];
  const text = draft?.text ?? '';
  const left = placeholdersIn(text);
  // Unknown: not a placeholder Conn fills (from the template, or typed by hand).
  const unknown = left.filter((p) => !(placeholderNames as readonly string[]).includes(p));
  const blocked = left.length > 0 || text.trim() === '';

  useEffect(() => {
    if (!loading) textRef.current?.focus();
  }, [loading, template]);

  if (!incidentId) return null;

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') close();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!blocked) void send();
    }
  };

  return (
    <div className="composer-backdrop">
      <section ref={dialogRef} className="composer" role="dialog" aria-modal="true" aria-label="Status update" tabIndex={-1} onKeyDown={onKey}>
        <header className="composer-head">
          <h2>Status update</h2>
          <span className="muted composer-for">{incidentTitle}</span>
          <button type="button" className="composer-close" onClick={close}>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        <div className="template-picker" role="radiogroup" aria-label="Template">
          {updateTemplates.map((t) => (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={t === template}
              className={t === template ? 'template selected' : 'template'}
              onClick={() => void pick(t)}
            >
              {templateLabels[t]}
            </button>
          ))}
        </div>
        <label className="composer-text">
          Message to the community (ticket reply, mirrored to Slack and PagerDuty)
          <textarea
            ref={textRef}
            value={text}
            onChange={(e) => edit(e.target.value)}
            rows={14}
            disabled={loading}
            placeholder={loading ? 'Filling the template…' : 'Write the update'}
          />
        </label>
        {left.length > 0 ? (
          <div className="placeholder-check" role="status">
            <p>
              Fill or remove {left.length === 1 ? 'this placeholder' : 'these placeholders'} before sending:{' '}
              {left.map((p) => (
                <code key={p} className={unknown.includes(p) ? 'ph-unknown' : 'ph-missing'}>
                  {`{{${p}}}`}
                </code>
              ))}
            </p>
            {unknown.length > 0 ? (
              <p className="error">Conn does not know {unknown.map((u) => `{{${u}}}`).join(', ')}: it would reach the community as typed.</p>
            ) : null}
            <PlaceholderPreview text={text} unknown={unknown} />
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="error">
            Not sent: {error.message} Your text is still here.
          </p>
        ) : null}
        {error && (error.details as { reason?: string } | undefined)?.reason === 'already_sent' ? (
          <p className="composer-again">
            {againEffect([{ kind: 'freshdesk.reply' }, { kind: 'slack.postMessage' }, { kind: 'pagerduty.statusUpdate' }])}{' '}
            <button type="button" disabled={sending} onClick={() => void send(true)}>
              Send again
            </button>
          </p>
        ) : null}
        {sent ? (
          <p role="status" className="composer-sent">
            Recorded. Queued for the ticket, Slack and PagerDuty ({sent.jobs.length} messages); the update clock has restarted.
          </p>
        ) : null}
        <footer className="composer-actions">
          <button type="button" className="primary" disabled={blocked || sending || loading} onClick={() => void send()}>
            {sending ? 'Sending…' : 'Send update'} <kbd>Ctrl+Enter</kbd>
          </button>
        </footer>
      </section>
    </div>
  );
}
