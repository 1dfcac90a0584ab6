// The selected step, shown large: what to do, why, its action button, and the reason prompt.
import { jobKindLabel } from '../../../../shared/labels';
import { useEffect, useRef, useState } from 'react';
import type { ChecklistStep, StepJob } from '../../../../shared/checklist';
import { rerunRefusal, type VendorConnection } from '../../../../shared/outbox';
import type { ApiError } from '../../../../shared/result';
import { actionLabels, checkLabels } from '../../../../shared/runbook';
import { formatTime, localTitle } from '../../ui/time';
import { useOutbox } from '../outbox/store';

export type Asking = 'skip' | 'block' | null;

interface Props {
  step: ChecklistStep;
  index: number;
  busy: boolean;
  error: ApiError | null;
  asking: Asking;
  onAsk(kind: Asking): void;
  onComplete(): void;
  onReopen(): void;
  onRunAction(): void;
  /** Asks for confirmation before sending an action that was already sent once more. */
  onAskAgain(): void;
  onReason(kind: 'skip' | 'block', reason: string): Promise<boolean>;
}

/** When the step's action last reached its vendor. */
export const lastSentAt = (step: ChecklistStep): string | null =>
  step.jobs
    .filter((j) => j.state === 'sent')
    .map((j) => j.at)
    .sort()
    .at(-1) ?? null;
const jobText = (j: StepJob, connection: VendorConnection['state'] | undefined) => {
  const what = jobKindLabel(j.kind);
  // A queued job waits for its vendor: say why when the vendor is not connected or needs a new token.
  if (j.state === 'queued') {
    if (connection === 'ok') return `${what} · queued`;
    if (connection === 'reconnect') return `${what} · queued: reconnect needed`;
    if (connection === 'unreachable') return `${what} · queued: vendor unreachable, Conn keeps trying`;
    return `${what} · queued: not connected`;
  }
  if (j.state === 'dead') return `${what} · failed${j.lastError ? `: ${j.lastError}` : ''}`;
  if (j.state === 'uncertain') return `${what} · checking whether it arrived`;
  if (j.state === 'needs_you') return `${what} · needs you: did it arrive? (outbox)`;
  return `${what} · ${j.state}`;
};

function ReasonPrompt({
  kind,
  busy,
  onSubmit,
  onCancel,
}: {
  kind: 'skip' | 'block';
  busy: boolean;
  onSubmit(r: string): Promise<boolean>;
  onCancel(): void;
}) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <form
      className="reason-prompt"
      onSubmit={async (e) => {
        e.preventDefault();
        if (text.trim() && (await onSubmit(text.trim()))) setText('');
      }}
    >
      <label>
        {kind === 'skip' ? 'Why skip this step?' : 'What is blocking it?'}
        <input
          ref={ref}
          name="reason"
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              onCancel();
            }
          }}
        />
      </label>
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        {kind === 'skip' ? 'Skip' : 'Block'} <kbd>Enter</kbd>
      </button>
      <button type="button" onClick={onCancel}>
        Cancel <kbd>Esc</kbd>
      </button>
    </form>
  );
}

export function StepCard({
  step,
  index,
  busy,
  error,
  asking,
  onAsk,
  onComplete,
  onReopen,
  onRunAction,
  onAskAgain,
  onReason,
}: Props) {
  const connections = useOutbox((st) => st.status?.vendors);
  const closed = step.state === 'done' || step.state === 'skipped';
  const refusal = rerunRefusal(
    step.jobs.map((j) => j.state),
    false,
  );
  const canRun = step.action && !closed && refusal === null;
  const sentAt = lastSentAt(step);
  // A newly selected step shows from its title: the panel scrolls no further than needed to bring the title in.
  const head = useRef<HTMLDivElement>(null);
  useEffect(() => {
    head.current?.scrollIntoView?.({ block: 'nearest' });
  }, [step.stepId]);
  return (
    <article className={`step-card state-${step.state}`} aria-label="Current step">
      <div className="step-card-head" ref={head}>
        <span className="step-number">{index + 1}</span>
        <h3>{step.title}</h3>
        <span className={`step-state state-${step.state}`}>{step.state.replace('_', ' ')}</span>
      </div>
      {step.why ? <p className="step-why">{step.why}</p> : null}
      {step.state === 'done' && step.doneAt ? (
        <p className="step-outcome">
          Done{step.doneBy ? ` by ${step.doneBy}` : ''},{' '}
          <time dateTime={step.doneAt} title={localTitle(step.doneAt)}>
            {formatTime(step.doneAt)}
          </time>
          {step.doneVia === 'check' ? ' (confirmed by a check)' : ''}
        </p>
      ) : null}
      {step.reason && step.state !== 'done' ? (
        <p className="step-outcome">
          {step.state === 'skipped' ? 'Skipped: ' : step.state === 'blocked' ? 'Blocked: ' : 'Note: '}
          {step.reason}
        </p>
      ) : null}
      <div className="step-actions">
        {canRun && step.action ? (
          <button type="button" className="primary" disabled={busy} onClick={onRunAction}>
            {actionLabels[step.action.type]} <kbd>A</kbd>
          </button>
        ) : null}
        {/* A step done because its requests were sent still offers them once more, on purpose only. */}
        {step.action && step.state !== 'skipped' && refusal === 'already_sent' ? (
          <span className="step-sent">
            Sent{' '}
            {sentAt ? (
              <time dateTime={sentAt} title={localTitle(sentAt)}>
                {formatTime(sentAt)}
              </time>
            ) : null}{' '}
            ·{' '}
            <button type="button" className="link" disabled={busy} onClick={onAskAgain}>
              Send again…
            </button>
          </span>
        ) : null}
        {step.action && !closed && refusal === 'unsettled' ? (
          <span className="step-sent muted">
            May have been sent: settle it in the outbox (Shift+O) before sending again.
          </span>
        ) : null}
        {!closed ? (
          <button type="button" className={canRun ? '' : 'primary'} disabled={busy} onClick={onComplete}>
            Mark done <kbd>C</kbd>
          </button>
        ) : null}
        {!closed ? (
          <button type="button" disabled={busy} onClick={() => onAsk('skip')}>
            Skip <kbd>S</kbd>
          </button>
        ) : null}
        {step.state === 'todo' || step.state === 'in_progress' ? (
          <button type="button" disabled={busy} onClick={() => onAsk('block')}>
            Blocked <kbd>B</kbd>
          </button>
        ) : null}
        {step.state !== 'todo' ? (
          <button type="button" disabled={busy} onClick={onReopen}>
            Reopen <kbd>O</kbd>
          </button>
        ) : null}
      </div>
      {asking ? (
        <ReasonPrompt
          key={asking}
          kind={asking}
          busy={busy}
          onSubmit={(r) => onReason(asking, r)}
          onCancel={() => onAsk(null)}
        />
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      {step.jobs.length ? (
        <ul className="step-jobs" aria-label="Requests for this step">
          {step.jobs.map((j) => (
            <li key={j.id} className={`job-${j.state}`}>
              {jobText(j, connections?.find((c) => j.kind.startsWith(`${c.vendor}.`))?.state)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="step-instructions">{step.instructions}</div>
      {step.check && !closed ? (
        <p className="step-check muted">Can be confirmed automatically once {checkLabels[step.check.type]}.</p>
      ) : null}
    </article>
  );
}
