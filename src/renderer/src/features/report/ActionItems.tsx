// Action items: what needs to happen, definition of done, owner, and the GitHub issue that tracks each: opened by Conn
// through the outbox when GitHub is connected (with its open/closed state), else issue text to copy.
import { useEffect, useState, type FormEvent } from 'react';
import type { ActionItem, IssueText } from '../../../../shared/report';
import { isGithubIssueUrl } from '../../../../shared/report';

interface ItemFields {
  what: string;
  doneWhen: string;
  owner: string;
  issueUrl: string;
  repo: string;
}
interface Props {
  title: string;
  items: ActionItem[];
  onAdd(item: { what: string; doneWhen?: string; owner?: string; issueUrl?: string }): Promise<boolean>;
  onUpdate(itemId: string, patch: Partial<ItemFields>): Promise<boolean>;
  onRemove(itemId: string): Promise<boolean>;
  onIssueText(itemId: string): Promise<IssueText | null>;
  /** The default repository for issues when GitHub is connected; null: not connected (copy the text instead). */
  githubRepo: string | null;
  onCreateIssues(itemIds?: string[]): Promise<boolean>;
  onRefreshIssues(): Promise<boolean>;
}

const shortIssue = (url: string) => url.replace(/^https:\/\/[^/]+\//, '').replace('/issues/', '#');

/** The issue's link and state, or where Conn's request to open it stands, or the button that asks for it. */
function IssueCell(p: { item: ActionItem; githubRepo: string; onCreate(): void; onRepo(repo: string): void }) {
  const { item } = p;
  if (item.issueUrl)
    return (
      <span className="issue-link">
        <a href={item.issueUrl} target="_blank" rel="noreferrer">
          {shortIssue(item.issueUrl)}
        </a>{' '}
        {item.issueState ? (
          <span
            className={`chip issue-${item.issueState}`}
            title={item.issueCheckedAt ? `Read ${item.issueCheckedAt}` : undefined}
          >
            {item.issueState === 'open' ? 'Open' : 'Closed'}
          </span>
        ) : null}
      </span>
    );
  if (item.issueRequest === 'pending') return <span className="muted">Opening the issue…</span>;
  if (item.issueRequest === 'unsettled')
    return <span className="warn-text">It may have been opened: settle it in the outbox first.</span>;
  return (
    <span className="issue-create">
      <RepoInput value={item.repo ?? ''} placeholder={p.githubRepo} onCommit={p.onRepo} />
      <button type="button" onClick={p.onCreate} aria-label={`Create issue for ${item.what}`}>
        {item.issueRequest === 'failed' ? 'Try again' : 'Create issue'}
      </button>
      {item.issueRequest === 'failed' ? (
        <span className="field-error">GitHub refused the last try: see the outbox for why.</span>
      ) : null}
    </span>
  );
}

const repoProblem = (v: string) =>
  v.trim() === '' || /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(v.trim()) ? null : 'Use owner/name';

function RepoInput(p: { value: string; placeholder: string; onCommit(v: string): void }) {
  const [v, setV] = useState(p.value);
  useEffect(() => setV(p.value), [p.value]);
  const problem = repoProblem(v);
  return (
    <>
      <input
        className="repo-input"
        aria-label="Repository for its issue"
        title="The repository its issue goes to (empty: the default from Connections)"
        placeholder={p.placeholder}
        value={v}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setV(e.target.value)}
        onBlur={() => v.trim() !== p.value && !problem && p.onCommit(v.trim())}
      />
      {problem ? <span className="field-error">{problem}</span> : null}
    </>
  );
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

export function ActionItems(props: Props) {
  const { title, items, onAdd, onUpdate, onRemove, onIssueText, githubRepo, onCreateIssues } = props;
  const empty: Omit<ItemFields, 'repo'> = { what: '', doneWhen: '', owner: '', issueUrl: '' };
  const [draft, setDraft] = useState<Omit<ItemFields, 'repo'>>(empty);
  const withoutIssue = items.filter(
    (i) => !i.issueUrl && i.issueRequest !== 'pending' && i.issueRequest !== 'unsettled',
  );
  const tracked = items.filter((i) => i.issueUrl);
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
        <span className="muted small">
          {githubRepo
            ? `Each item gets a GitHub issue (in ${githubRepo} unless the item names another repository).`
            : 'Each item should link the GitHub issue that tracks it. Connect GitHub to open them from here.'}
        </span>
        {githubRepo && withoutIssue.length > 0 ? (
          <button type="button" onClick={() => void onCreateIssues()}>
            Create all issues ({withoutIssue.length})
          </button>
        ) : null}
        {githubRepo && tracked.length > 0 ? (
          <button type="button" className="quiet" onClick={() => void props.onRefreshIssues()}>
            Check issue states
          </button>
        ) : null}
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
                {githubRepo && (i.issueUrl || i.issueRequest) ? (
                  <td>
                    <IssueCell
                      item={i}
                      githubRepo={githubRepo}
                      onCreate={() => void onCreateIssues([i.id])}
                      onRepo={(repo) => void onUpdate(i.id, { repo })}
                    />
                  </td>
                ) : (
                  <Cell
                    label="GitHub issue"
                    value={i.issueUrl ?? ''}
                    check={urlProblem}
                    onCommit={(issueUrl) => void onUpdate(i.id, { issueUrl })}
                  />
                )}
                <td className="item-actions">
                  {githubRepo && !i.issueUrl && !i.issueRequest ? (
                    <IssueCell
                      item={i}
                      githubRepo={githubRepo}
                      onCreate={() => void onCreateIssues([i.id])}
                      onRepo={(repo) => void onUpdate(i.id, { repo })}
                    />
                  ) : !githubRepo ? (
                    <IssueCopy itemId={i.id} onIssueText={onIssueText} />
                  ) : null}
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
