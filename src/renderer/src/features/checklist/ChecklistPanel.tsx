// The guided checklist: the selected step large, the rest as a compact list, driven by the keyboard.
import { matches, type BindingId } from '../../ui/keymap';
import { useEffect, useState } from 'react';
import { nextOpenStep, type ChecklistStep } from '../../../../shared/checklist';
import { rerunRefusal } from '../../../../shared/outbox';
import { Modal } from '../../ui/Modal';
import { againEffect } from '../outbox/jobText';
import { StepCard, type Asking } from './StepCard';
import { useChecklist } from './store';
import './checklist.css';

const glyph: Record<ChecklistStep['state'], string> = {
  todo: '○',
  in_progress: '◐',
  done: '●',
  skipped: '⊘',
  blocked: '■',
};

export function ChecklistPanel({ incidentId, onOpenReport }: { incidentId: string; onOpenReport?: () => void }) {
  const steps = useChecklist((s) => s.steps[incidentId]);
  const selectedId = useChecklist((s) => s.selected[incidentId]);
  const { busy, error, load, select, move, act, runAction, clearError } = useChecklist();
  const [asking, setAsking] = useState<Asking>(null);
  const [confirmAgain, setConfirmAgain] = useState(false);

  useEffect(() => {
    void load(incidentId);
  }, [incidentId, load]);

  const list = steps ?? [];
  const index = Math.max(
    0,
    list.findIndex((s) => s.stepId === selectedId),
  );
  const step = list[index];
  const next = nextOpenStep(list);
  const doneCount = list.filter((s) => s.state === 'done' || s.state === 'skipped').length;

  useEffect(() => {
    setAsking(null);
    setConfirmAgain(false);
    clearError();
  }, [selectedId, clearError]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!step) return;
      const keys: Array<[BindingId, () => void]> = [
        ['step.complete', () => void act(incidentId, step.stepId, 'complete')],
        ['step.reopen', () => void act(incidentId, step.stepId, 'reopen')],
        ['step.skip', () => setAsking('skip')],
        ['step.block', () => setAsking('block')],
        // A never re-sends silently: once the action was sent, it asks first (the domain refuses anyway).
        [
          'step.action',
          () => {
            const sent = rerunRefusal(
              step.jobs.map((j) => j.state),
              false,
            );
            if (sent === 'already_sent') setConfirmAgain(true);
            else void runAction(incidentId, step.stepId).then((open) => open === 'report' && onOpenReport?.());
          },
        ],
        ['step.next', () => move(incidentId, 1)],
        ['step.prev', () => move(incidentId, -1)],
      ];
      const run = keys.find(([id]) => matches(e, id))?.[1];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [incidentId, step, act, move, runAction, onOpenReport]);

  if (!steps)
    return (
      <section className="panel checklist" aria-label="Checklist">
        <p className="muted">Loading the checklist…</p>
      </section>
    );

  return (
    <section className="panel checklist" aria-label="Checklist">
      <header className="checklist-head">
        <h2>Checklist</h2>
        <span className="muted">
          {doneCount} of {list.length} done
        </span>
        {next && step && next.stepId !== step.stepId ? (
          <button type="button" className="link" onClick={() => select(incidentId, next.stepId)}>
            Next: {next.title}
          </button>
        ) : null}
      </header>
      {step ? (
        <StepCard
          step={step}
          index={index}
          busy={busy}
          error={error}
          asking={asking}
          onAsk={setAsking}
          onComplete={() => void act(incidentId, step.stepId, 'complete')}
          onReopen={() => void act(incidentId, step.stepId, 'reopen')}
          onRunAction={() =>
            void runAction(incidentId, step.stepId).then((open) => open === 'report' && onOpenReport?.())
          }
          onAskAgain={() => setConfirmAgain(true)}
          onReason={async (kind, reason) => {
            const ok = await act(incidentId, step.stepId, kind, reason);
            if (ok) setAsking(null);
            return ok;
          }}
        />
      ) : (
        <p className="muted">This runbook has no steps.</p>
      )}
      {confirmAgain && step ? (
        <Modal label="Send again?" onClose={() => setConfirmAgain(false)}>
          <h2>Send “{step.title}” again?</h2>
          <p>{againEffect(step.jobs)} It was already sent once.</p>
          <div className="job-actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                setConfirmAgain(false);
                void runAction(incidentId, step.stepId, true);
              }}
            >
              Send again
            </button>
            <button type="button" autoFocus onClick={() => setConfirmAgain(false)}>
              Cancel
            </button>
          </div>
        </Modal>
      ) : null}
      <ol className="step-list" aria-label="Steps">
        {list.map((s, i) => (
          <li key={s.stepId}>
            <button
              type="button"
              className={`step-row state-${s.state}${s.stepId === step?.stepId ? ' selected' : ''}`}
              aria-current={s.stepId === step?.stepId ? 'step' : undefined}
              onClick={() => select(incidentId, s.stepId)}
            >
              <span className="step-glyph" aria-label={s.state.replace('_', ' ')}>
                {glyph[s.state]}
              </span>
              <span className="step-row-title">
                {i + 1}. {s.title}
              </span>
              {s.jobs.some((j) => j.state === 'queued') ? <span className="step-row-meta">queued</span> : null}
              {s.state === 'blocked' || s.state === 'skipped' ? (
                <span className="step-row-meta">{s.reason}</span>
              ) : null}
            </button>
          </li>
        ))}
      </ol>
      <p className="shortcut-hint muted">
        <kbd>J</kbd>/<kbd>K</kbd> move · <kbd>C</kbd> done · <kbd>S</kbd> skip · <kbd>B</kbd> blocked
        {' · '}
        <kbd>O</kbd> reopen · <kbd>A</kbd> action
      </p>
    </section>
  );
}
