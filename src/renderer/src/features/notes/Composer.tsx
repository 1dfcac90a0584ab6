// The note box: Enter saves, Shift+Enter adds a line, Alt+1..6 picks the kind, share toggles, size meter.
import { forwardRef, type KeyboardEvent } from 'react';
import { noteKindLabels, noteKinds, noteLimitFor, shareTargets, type NoteKind, type ShareTarget } from '../../../../shared/notes';
import type { ApiError } from '../../../../shared/result';
import { vendorLabel } from './shareLabel';

interface Props {
  draft: string;
  kind: NoteKind;
  share: Record<ShareTarget, boolean>;
  saving: boolean;
  error: ApiError | null;
  draftError: ApiError | null;
  onDraft(body: string): void;
  onKind(kind: NoteKind): void;
  onToggleShare(target: ShareTarget): void;
  onSubmit(): void;
  onPinLast(): void;
}

const encoder = new TextEncoder();
const kib = (n: number) => `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KiB`;

export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer(p, ref) {
  // Byte size only matters near the limit; counting every keystroke of a short note is wasted work.
  const bytes = p.draft.length * 3 > 48 * 1024 ? encoder.encode(p.draft).length : p.draft.length;
  const limit = noteLimitFor(p.kind);
  const over = bytes > limit;

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-6]$/.test(e.code)) {
      e.preventDefault();
      p.onKind(noteKinds[Number(e.code.slice(5)) - 1]!);
      return;
    }
    if (e.altKey && e.code === 'KeyP') {
      e.preventDefault();
      p.onPinLast();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      p.onSubmit();
    }
  };

  return (
    <form
      className="composer"
      aria-label="New note"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit();
      }}
    >
      <div className="kind-picker" role="radiogroup" aria-label="Kind">
        {noteKinds.map((k, i) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={p.kind === k}
            className={p.kind === k ? `kind-option kind-${k} selected` : `kind-option kind-${k}`}
            onClick={() => p.onKind(k)}
            title={`Alt+${i + 1}`}
          >
            {noteKindLabels[k]}
          </button>
        ))}
      </div>
      <textarea
        ref={ref}
        aria-label="Note"
        className={p.kind === 'command' ? 'composer-input mono' : 'composer-input'}
        value={p.draft}
        placeholder={p.kind === 'command' ? 'Paste the command and its output…' : 'What happened? Enter saves, Shift+Enter for a new line'}
        onChange={(e) => p.onDraft(e.target.value)}
        onKeyDown={onKey}
        rows={p.kind === 'command' ? 5 : 2}
      />
      <div className="composer-foot">
        {shareTargets.map((t) => (
          <label key={t} className="share-toggle">
            <input type="checkbox" checked={p.share[t]} onChange={() => p.onToggleShare(t)} /> Share to {vendorLabel[t]}
          </label>
        ))}
        <span className={over ? 'size over' : 'size'} aria-live="polite">
          {bytes > limit / 2 ? `${kib(bytes)} of ${kib(limit)}` : ''}
        </span>
        <button type="submit" className="primary" disabled={p.saving || p.draft.trim() === ''}>
          {p.saving ? 'Saving…' : 'Save'} <kbd>Enter</kbd>
        </button>
      </div>
      {p.error ? (
        <p role="alert" className="error">
          {p.error.message}
        </p>
      ) : null}
      {p.draftError ? <p className="warn small">Your draft could not be kept for after a restart: {p.draftError.message}</p> : null}
      <p className="muted small hints">
        <kbd>Alt+1…6</kbd> kind · <kbd>Alt+P</kbd> pin latest · <kbd>Alt+N</kbd> this box · <kbd>Ctrl+K</kbd> search
      </p>
    </form>
  );
});
