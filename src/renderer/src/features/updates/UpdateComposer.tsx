// The status-update composer: pick a template, edit the filled text, see unfilled placeholders, send
// to the ticket, Slack and PagerDuty in one go (Ctrl+Enter). Esc closes; drafts survive closing.
import { useEffect, useRef, useState } from 'react';
import {
  PLACEHOLDER_PATTERN,
  placeholderNames,
  placeholdersIn,
  updateTemplates,
  type UpdateTemplate,
} from '../../../../shared/reminders';
import { useFocusTrap } from '../../ui/focusTrap';
import { PlaceholderPreview } from './PlaceholderPreview';
import { againEffect } from '../outbox/jobText';
import { useUpdates } from './store';
import './updates.css';

/** Each placeholder left in the text, where it is: its line, the line's text and its character range. */
export function placeholderSpots(
  text: string,
): Array<{ name: string; line: number; context: string; start: number; end: number }> {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => {
    const start = m.index;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', start);
    let context = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim();
    // A placeholder alone on its line sits under a heading ("Current state:"): show that with it.
    if (context === m[0]) {
      const heading = text.slice(0, lineStart).trimEnd().split('\n').at(-1)?.trim();
      if (heading) context = `${heading} ${context}`;
    }
    return {
      name: (m[1] ?? '').trim(),
      line: text.slice(0, start).split('\n').length,
      context,
      start,
      end: start + m[0].length,
    };
  });
}

/** Why Send is not possible now, in words; null when it is. */
export function sendBlockedReason(text: string, loading: boolean, sending: boolean): string | null {
  if (loading) return 'The template is still being filled.';
  if (sending) return 'Sending…';
  if (text.trim() === '') return 'Write the update first.';
  const left = placeholdersIn(text);
  if (left.length > 0) {
    const spot = placeholderSpots(text)[0]!;
    const names = left.map((p) => `{{${p}}}`).join(', ');
    return `Not sent yet: fill or remove ${names} (first one on line ${spot.line}).`;
  }
  return null;
}

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
  const reason = sendBlockedReason(text, loading, sending);
  const blocked = reason !== null;
  const [told, setTold] = useState(false);
  const spots = placeholderSpots(text);
  useEffect(() => setTold(false), [text, template]);

  /** Puts the caret on a placeholder, selected, so typing replaces it. */
  const goTo = (start: number, end: number) => {
    const el = textRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(start, end);
  };
  const trySend = () => {
    if (!blocked) {
      void send();
      return;
    }
    setTold(true);
    const first = spots[0];
    if (first) goTo(first.start, first.end);
  };

  useEffect(() => {
    if (!loading) textRef.current?.focus();
  }, [loading, template]);

  if (!incidentId) return null;

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') close();
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      trySend();
    }
  };

  return (
    <div className="composer-backdrop">
      <section
        ref={dialogRef}
        className="composer"
        role="dialog"
        aria-modal="true"
        aria-label="Status update"
        tabIndex={-1}
        onKeyDown={onKey}
      >
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
            <ul className="placeholder-spots" aria-label="Placeholders to fill">
              {spots.map((s) => (
                <li key={`${s.start}`}>
                  <button type="button" className="linkish" onClick={() => goTo(s.start, s.end)}>
                    Line {s.line}
                  </button>{' '}
                  <span className="ph-context">{s.context}</span>
                </li>
              ))}
            </ul>
            {unknown.length > 0 ? (
              <p className="error">
                Conn does not know {unknown.map((u) => `{{${u}}}`).join(', ')}: it would reach the community as typed.
              </p>
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
            {againEffect([
              { kind: 'freshdesk.reply' },
              { kind: 'slack.postMessage' },
              { kind: 'pagerduty.statusUpdate' },
            ])}{' '}
            <button type="button" disabled={sending} onClick={() => void send(true)}>
              Send again
            </button>
          </p>
        ) : null}
        {sent ? (
          <p role="status" className="composer-sent">
            Recorded. Queued for the ticket, Slack and PagerDuty ({sent.jobs.length} messages); the update clock has
            restarted.
          </p>
        ) : null}
        <footer className="composer-actions">
          {reason && !sending ? (
            <span
              id="send-blocked-reason"
              className={told ? 'send-reason error' : 'send-reason muted'}
              role={told ? 'alert' : undefined}
            >
              {reason}
            </span>
          ) : null}
          {/* Not `disabled`: a disabled button cannot be focused or say why. It looks disabled and explains itself. */}
          <button
            type="button"
            className="primary send-update"
            aria-disabled={blocked}
            aria-describedby={reason ? 'send-blocked-reason' : undefined}
            onClick={trySend}
          >
            {sending ? 'Sending…' : 'Send update'} <kbd>Ctrl+Enter</kbd>
          </button>
        </footer>
      </section>
    </div>
  );
}
