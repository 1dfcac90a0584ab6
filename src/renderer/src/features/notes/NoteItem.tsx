// One note in the pane: time, kind, author, body (markdown, or monospace for commands), pin, edit, share, history.
import { matches } from '../../ui/keymap';
import { useOutbox } from '../outbox/store';
import { memo, useState, type KeyboardEvent } from 'react';
import { noteKindLabels, shareTargets, type Note, type NoteRevision, type ShareTarget } from '../../../../shared/notes';
import { formatTime, localTitle } from '../../ui/time';
import { formatClock } from './clock';
import { SafeMarkdown } from './SafeMarkdown';
import { shareLabel, vendorLabel } from './shareLabel';

const CLAMP_CHARS = 4000;
const CLAMP_LINES = 40;

interface Props {
  note: Note;
  timeZone: string;
  highlighted: boolean;
  history: NoteRevision[] | undefined;
  onPin(noteId: string, pinned: boolean): void;
  onEdit(noteId: string, body: string): Promise<boolean>;
  onShare(noteId: string, target: ShareTarget): void;
  onHistory(noteId: string): void;
}

function clamp(body: string): { text: string; clamped: boolean } {
  const lines = body.split('\n');
  if (body.length <= CLAMP_CHARS && lines.length <= CLAMP_LINES) return { text: body, clamped: false };
  return { text: lines.slice(0, CLAMP_LINES).join('\n').slice(0, CLAMP_CHARS), clamped: true };
}

export const NoteItem = memo(function NoteItem({
  note,
  timeZone,
  highlighted,
  history,
  onPin,
  onEdit,
  onShare,
  onHistory,
}: Props) {
  const connections = useOutbox((st) => st.status?.vendors);
  const [editing, setEditing] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const { text, clamped } = expanded ? { text: note.body, clamped: false } : clamp(note.body);

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    const k = e.nativeEvent;
    // Shift+P pins: plain P is the people roster, anywhere.
    if (matches(k, 'note.pin')) onPin(note.id, !note.pinned);
    else if (matches(k, 'note.edit')) setEditing(note.body);
    else if (matches(k, 'note.history')) toggleHistory();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const toggleHistory = () => {
    if (!showHistory) onHistory(note.id);
    setShowHistory(!showHistory);
  };
  const saveEdit = async () => {
    if (editing !== null && (await onEdit(note.id, editing))) setEditing(null);
  };

  return (
    <article
      className={`note note-${note.kind}${note.pinned ? ' pinned' : ''}${highlighted ? ' highlighted' : ''}`}
      aria-label={`${noteKindLabels[note.kind]} ${note.author ? `by ${note.author}` : 'unsigned'}`}
      data-note-id={note.id}
      tabIndex={0}
      onKeyDown={onKey}
    >
      <header className="note-head">
        <time
          dateTime={note.createdAt}
          title={`${formatTime(note.createdAt, timeZone)} · ${localTitle(note.createdAt)}`}
        >
          {formatClock(note.createdAt, timeZone)}
        </time>
        <span className={`kind-badge kind-${note.kind}`}>{noteKindLabels[note.kind]}</span>
        {note.author ? <span className="note-author">{note.author}</span> : null}
        {note.editedAt ? (
          <button
            type="button"
            className="linkish"
            title={`Edited ${formatTime(note.editedAt, timeZone)}`}
            onClick={toggleHistory}
          >
            edited
          </button>
        ) : null}
        {note.shares.map((s) => (
          <span key={s.jobId} className={`share-chip share-${s.state}`} title={s.lastError ?? undefined}>
            {vendorLabel(s.vendor)}: {shareLabel(s, connections?.find((c) => c.vendor === s.vendor)?.state)}
          </span>
        ))}
        {note.pinned ? (
          <span className="pin-mark" title="Pinned">
            ★
          </span>
        ) : null}
        <span className="note-actions">
          {shareTargets
            .filter((t) => !note.shares.some((s) => s.vendor === t && s.state !== 'discarded'))
            .map((t) => (
              <button
                key={t}
                type="button"
                className="mini"
                onClick={() => onShare(note.id, t)}
                title={`Share this note to ${vendorLabel(t)}`}
              >
                → {vendorLabel(t)}
              </button>
            ))}
          <button
            type="button"
            className={note.pinned ? 'mini pin on' : 'mini pin'}
            aria-pressed={note.pinned}
            title="Pin (P when the note is focused)"
            onClick={() => onPin(note.id, !note.pinned)}
          >
            {note.pinned ? '★ Pinned' : '☆ Pin'}
          </button>
          <button
            type="button"
            className="mini"
            title="Edit (E when the note is focused)"
            onClick={() => setEditing(note.body)}
          >
            Edit
          </button>
        </span>
      </header>
      {editing !== null ? (
        <div className="note-edit">
          <textarea
            aria-label="Edit note"
            value={editing}
            autoFocus
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void saveEdit();
              } else if (e.key === 'Escape') setEditing(null);
            }}
          />
          <span className="muted small">
            Enter saves · Shift+Enter new line · Esc cancels · the earlier text is kept in the history
          </span>
        </div>
      ) : note.kind === 'command' ? (
        <pre className="note-command">{text}</pre>
      ) : (
        <SafeMarkdown text={text} />
      )}
      {clamped ? (
        <button type="button" className="linkish" onClick={() => setExpanded(true)}>
          Show all ({note.body.split('\n').length} lines)
        </button>
      ) : null}
      {showHistory && history ? (
        <ol className="note-history" aria-label="Earlier versions">
          {history.map((r) => (
            <li key={r.rev}>
              <span className="muted small">
                v{r.rev} · {noteKindLabels[r.kind]} · written {formatTime(r.writtenAt, timeZone)}
                {r.replacedAt ? ` · replaced ${formatTime(r.replacedAt, timeZone)}` : ' · current'}
              </span>
              <pre className="note-command">{r.body}</pre>
            </li>
          ))}
        </ol>
      ) : null}
    </article>
  );
});
