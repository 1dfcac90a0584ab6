// The declare dialog: everything needed to start an incident, with defaults, keyboard all the way.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OpInput } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/result';
import { DEFAULT_RUNBOOK_ID, firstSendingSteps, verdictFor } from '../../../../shared/runbook';
import { Modal } from '../../ui/Modal';
import { usePeople } from '../people/store';
import { useRunbooks } from '../runbooks/store';
import { ScopeSelect, scopeInput } from '../hubs/ScopeSelect';
import './declare.css';

interface Props {
  busy: boolean;
  error: ApiError | null;
  /** `sendSteps`: ids of the opening steps whose actions to run right after declaring (the commander chose so). */
  onDeclare(input: OpInput<'incidents.declare'>, sendSteps: string[]): Promise<boolean>;
  onCancel(): void;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Now as a datetime-local value (the browser's own timezone). */
const localNow = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function DeclareDialog({ busy, error, onDeclare, onCancel }: Props) {
  const { list: runbooks, full, load, fetch } = useRunbooks();
  const { people, meId } = usePeople();
  const [title, setTitle] = useState('');
  const [hub, setHub] = useState('');
  const [ticketUrl, setTicketUrl] = useState('');
  const [runbookId, setRunbookId] = useState(DEFAULT_RUNBOOK_ID);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [impact, setImpact] = useState(localNow);
  const [impactEdited, setImpactEdited] = useState(false);
  const [commander, setCommander] = useState(meId ?? '');
  const [scope, setScope] = useState('');

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void fetch(runbookId);
  }, [fetch, runbookId]);

  const runbook = full[runbookId];
  const questions = runbook?.criteria.questions ?? [];
  const verdict = runbook ? verdictFor(runbook.criteria, answers) : null;
  // What "Declare and send" sends besides declaring: named on the button, so it is the commander's explicit choice.
  const sending = runbook ? firstSendingSteps(runbook) : [];

  const submit = async (e?: FormEvent, send = false) => {
    e?.preventDefault();
    const at = impactEdited ? new Date(impact) : null;
    const ok = await onDeclare(
      {
        title,
        ...(hub.trim() ? { hub } : {}),
        ...(ticketUrl.trim() ? { ticketUrl: ticketUrl.trim() } : {}),
        runbookId,
        ...(questions.length
          ? { classification: Object.fromEntries(questions.map((q) => [q.id, answers[q.id] === true])) }
          : {}),
        ...(at && !Number.isNaN(at.getTime()) ? { impactStart: at.toISOString() } : {}),
        ...(commander ? { commander } : {}),
        ...scopeInput(scope),
      },
      send ? sending.map((s) => s.id) : [],
    );
    if (ok) setTitle('');
  };

  // Enter declares from any field (checkboxes and selects included); buttons keep their own Enter. Ctrl+Enter (Cmd on
  // a Mac) declares and sends the opening steps the dialog names, from anywhere in it.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const t = e.target as HTMLElement;
    if (e.key !== 'Enter' || e.shiftKey || e.altKey) return;
    if ((e.ctrlKey || e.metaKey) && sending.length) {
      e.preventDefault();
      if (!busy) void submit(undefined, true);
    } else if (!e.ctrlKey && !e.metaKey && t.tagName !== 'BUTTON' && t.tagName !== 'TEXTAREA') {
      e.preventDefault();
      if (!busy) void submit();
    }
  };

  return (
    <Modal label="Declare an incident" onClose={onCancel}>
      <form className="declare-dialog" aria-label="Declare an incident" onSubmit={submit} onKeyDown={onKeyDown}>
        <h2>Declare an incident</h2>
        <label>
          Title
          <input
            autoFocus
            name="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Users cannot start servers on the hub"
            required
            maxLength={200}
          />
        </label>
        <div className="row">
          <label>
            Hub or community <span className="optional">optional</span>
            <input name="hub" value={hub} onChange={(e) => setHub(e.target.value)} maxLength={100} />
          </label>
          <label>
            Freshdesk ticket URL <span className="optional">optional</span>
            <input
              name="ticketUrl"
              value={ticketUrl}
              onChange={(e) => setTicketUrl(e.target.value)}
              placeholder="https://example.freshdesk.com/a/tickets/123"
            />
          </label>
        </div>
        <ScopeSelect value={scope} onChange={setScope} />
        {questions.length ? (
          <fieldset className="criteria">
            <legend>Is it an incident?</legend>
            {questions.map((q) => (
              <label key={q.id} className="checkbox">
                <input
                  type="checkbox"
                  name={q.id}
                  checked={answers[q.id] === true}
                  onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.checked })}
                />
                {q.text}
              </label>
            ))}
            <p className={verdict === 'incident' ? 'verdict incident' : 'verdict ticket'} aria-live="polite">
              {verdict === 'incident'
                ? 'Meets the incident criteria.'
                : 'No criterion ticked: by the runbook this is a support ticket. You can still declare it.'}
            </p>
          </fieldset>
        ) : null}
        <div className="row three">
          <label>
            Impact started
            <input
              type="datetime-local"
              name="impactStart"
              value={impact}
              onChange={(e) => {
                setImpact(e.target.value);
                setImpactEdited(true);
              }}
            />
          </label>
          <label>
            Commander
            <select name="commander" value={commander} onChange={(e) => setCommander(e.target.value)}>
              <option value="">Nobody yet</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.id === meId ? ' (me)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Runbook
            <select name="runbook" value={runbookId} onChange={(e) => setRunbookId(e.target.value)}>
              {(runbooks.length ? runbooks : [{ id: DEFAULT_RUNBOOK_ID, name: 'Default' }]).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {error ? (
          <p role="alert" className="error">
            {error.message}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Declaring…' : 'Declare'} <kbd>Enter</kbd>
          </button>
          {sending.length ? (
            <button
              type="button"
              disabled={busy}
              aria-describedby="declare-sends"
              onClick={() => void submit(undefined, true)}
            >
              Declare and send the first steps <kbd>Ctrl+Enter</kbd>
            </button>
          ) : null}
          <button type="button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
        {sending.length ? (
          <p id="declare-sends" className="sends">
            Declare and send also runs: {sending.map((s, i) => `${i + 1}. ${s.title}`).join(' · ')}
          </p>
        ) : null}
      </form>
    </Modal>
  );
}
