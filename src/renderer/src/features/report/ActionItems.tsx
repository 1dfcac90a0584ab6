// Action items: what needs to happen, definition of done, owner, GitHub issue link, and issue text to copy.
import { useEffect, useState, type FormEvent } from 'react';
import type { ActionItem, IssueText } from '../../../../shared/report';
import { isGithubIssueUrl } from '../../../../shared/report';

interface ItemFields {
  what: string;
  doneWhen: string;
  owner: string;
  issueUrl: string;
}
interface Props {
  title: string;
  items: ActionItem[];
  onAdd(item: { what: string; doneWhen?: string; owner?: string; issueUrl?: string }): Promise<boolean>;
  onUpdate(itemId: string, patch: Partial<ItemFields>): Promise<boolean>;
  onRemove(itemId: string): Promise<boolean>;
  onIssueText(itemId: string): Promise<IssueText | null>;
}

const urlProblem = (v: string) =>
  v.trim() === '' || isGithubIssueUrl(v.trim()) ? null : 'Use a link like https://github.com/owner/repo/issues/123';

function Cell(props: {
  label: string;
  value: string;
  check?: (v: string) => string | null;
  onCommit(v: string): void;
}) {
  const [v, setV] = useState(props.value);
  useEffect(() => setV(props.value), [props.value]);
  const problem = props.check?.(v) ?? null;
  return (
    <td>
      <input
        aria-label={props.label}
        value={v}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setV(e.target.value)}
        onBlur={() => v !== props.value && !problem && props.onCommit(v)}
      />
      {problem ? <span className="field-error">{problem}</span> : null}
    </td>
  );
}

function IssueCopy({ itemId, onIssueText }: { itemId: string; onIssueText: Props['onIssueText'] }) {
  const [state, setState] = useState<'idle' | 'copied' | 'shown'>('idle');
  const [text, setText] = useState<IssueText | null>(null);
  const copy = async () => {
    const t = await onIssueText(itemId);
    if (!t) return;
    setText(t);
    try {
      await navigator.clipboard.writeText(`${t.title}\n\n${t.body}`);
      setState('copied');
    } catch {
      setState('shown'); // No clipboard access: show the text to copy by hand.
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()} title="Copy a GitHub issue title and body for this item">
        {state === 'copied' ? 'Copied' : 'Copy issue text'}
      </button>
      {state === 'shown' && text ? (
        <textarea
          className="issue-text"
          readOnly
          aria-label="GitHub issue text"
          value={`${text.title}\n\n${text.body}`}
          rows={8}
        />
      ) : null}
    </>
  );
}

export function ActionItems({ title, items, onAdd, onUpdate, onRemove, onIssueText }: Props) {
  const empty: ItemFields = { what: '', doneWhen: '', owner: '', issueUrl: '' };
  const [draft, setDraft] = useState<ItemFields>(empty);
  const problem = urlProblem(draft.issueUrl);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.what.trim() || problem) return;
    const okay = await onAdd({
      what: draft.what,
      ...(draft.doneWhen.trim() ? { doneWhen: draft.doneWhen } : {}),
      ...(draft.owner.trim() ? { owner: draft.owner } : {}),
      ...(draft.issueUrl.trim() ? { issueUrl: draft.issueUrl.trim() } : {}),
    });
    if (okay) setDraft(empty);
  };
  return (
    <section className="report-section" aria-labelledby="section-actionItems">
      <div className="section-head">
        <h3 id="section-actionItems">{title}</h3>
        <span className="muted small">Each item should link the GitHub issue that tracks it.</span>
      </div>
      <form onSubmit={add} aria-label="Add an action item">
        <table className="items-table">
          <thead>
            <tr>
              <th>What needs to happen</th>
              <th>Definition of done</th>
              <th>Owner</th>
              <th>GitHub issue</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className={i.issueUrl ? '' : 'unlinked'} data-item-id={i.id}>
                <Cell
                  label="What needs to happen"
                  value={i.what}
                  check={(v) => (v.trim() ? null : 'Required')}
                  onCommit={(what) => void onUpdate(i.id, { what })}
                />
                <Cell
                  label="Definition of done"
                  value={i.doneWhen}
                  onCommit={(doneWhen) => void onUpdate(i.id, { doneWhen })}
                />
                <Cell label="Owner" value={i.owner} onCommit={(owner) => void onUpdate(i.id, { owner })} />
                <Cell
                  label="GitHub issue"
                  value={i.issueUrl ?? ''}
                  check={urlProblem}
                  onCommit={(issueUrl) => void onUpdate(i.id, { issueUrl })}
                />
                <td className="item-actions">
                  <IssueCopy itemId={i.id} onIssueText={onIssueText} />
                  <button
                    type="button"
                    className="quiet"
                    onClick={() => void onRemove(i.id)}
                    aria-label={`Remove ${i.what}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
            <tr className="new-item">
              <td>
                <input
                  aria-label="New item: what needs to happen"
                  placeholder="What needs to happen"
                  value={draft.what}
                  onChange={(e) => setDraft({ ...draft, what: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label="New item: definition of done"
                  placeholder="Done when…"
                  value={draft.doneWhen}
                  onChange={(e) => setDraft({ ...draft, doneWhen: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label="New item: owner"
                  placeholder="Owner"
                  value={draft.owner}
                  onChange={(e) => setDraft({ ...draft, owner: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label="New item: GitHub issue"
                  placeholder="https://github.com/owner/repo/issues/1"
                  value={draft.issueUrl}
                  aria-invalid={problem ? true : undefined}
                  onChange={(e) => setDraft({ ...draft, issueUrl: e.target.value })}
                />
                {problem ? <span className="field-error">{problem}</span> : null}
              </td>
              <td>
                <button type="submit" disabled={!draft.what.trim() || problem !== null}>
                  Add <kbd>Enter</kbd>
                </button>
              </td>
            </tr>
          </tbody>
        </table>
      </form>
    </section>
  );
}
