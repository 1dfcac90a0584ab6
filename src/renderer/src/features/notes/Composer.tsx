// The note box: Enter saves, Shift+Enter adds a line, Alt+1..6 picks the kind, share toggles, size meter.
// Typing must stay within a frame in a busy incident: the box is uncontrolled (the browser owns its text, the store
// gets
// a copy on each change) and this component reads only what it shows, so a keystroke re-renders nothing at all unless
// the Save button or the size meter changes. Everything else on the page ignores the draft.
import { matches } from '../../ui/keymap';
import { forwardRef, memo, useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { noteKindLabels, noteKinds, noteLimitFor, shareTargets, type NoteKind } from '../../../../shared/notes';
import { vendorLabel } from './shareLabel';
import { useNotes } from './store';

interface Props {
  onSubmit(): void;
  onPinLast(): void;
}

const encoder = new TextEncoder();
const kib = (n: number) => `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KiB`;

/** The size meter's text ('' far from the limit) and whether the draft is over it. */
export function sizeMeter(draft: string, kind: NoteKind): { meter: string; over: boolean } {
  const limit = noteLimitFor(kind);
  // Byte size only matters near the limit; counting every keystroke of a short note is wasted work.
  const bytes = draft.length * 3 > limit / 2 ? encoder.encode(draft).length : draft.length;
  return { meter: bytes > limit / 2 ? `${kib(bytes)} of ${kib(limit)}` : '', over: bytes > limit };
}

const ComposerBox = forwardRef<HTMLTextAreaElement, Props>(function Composer(props, ref) {
  const state = useNotes(
    useShallow((st) => ({
      kind: st.kind,
      share: st.share,
      saving: st.saving,
      error: st.saveError,
      draftError: st.draftError,
      empty: st.draft.trim() === '',
      ...sizeMeter(st.draft, st.kind),
    })),
  );
  const { setDraft, setKind, toggleShare, flushDraft } = useNotes.getState();
  const p = { ...state, ...props, onKind: setKind, onToggleShare: toggleShare };
  const { over } = state;

  const box = useRef<HTMLTextAreaElement | null>(null);
  const setBox = useCallback(
    (el: HTMLTextAreaElement | null) => {
      box.current = el;
      if (typeof ref === 'function') ref(el);
      else if (ref) ref.current = el;
    },
    [ref],
  );
  // The store's draft changes without typing too (restored after a restart, cleared once saved): mirror it into the
  // box.
  useEffect(() => {
    const show = (draft: string) => {
      if (box.current && box.current.value !== draft) box.current.value = draft;
    };
    show(useNotes.getState().draft);
    return useNotes.subscribe((st, prev) => {
      if (st.draft !== prev.draft) show(st.draft);
    });
  }, []);

  // The box's text events are handled here, natively, and go no further: React's root listener would otherwise walk
  // the component tree and run its event plugins for each of the five or six events every keystroke fires (~0.7 ms a
  // key in a profile), and nothing above the box uses them. Keydown still bubbles for the window shortcuts.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onText = (e: Event) => {
      e.stopPropagation();
      if (el.value !== useNotes.getState().draft) setDraft(el.value);
    };
    const stop = (e: Event) => e.stopPropagation();
    const quiet = ['keypress', 'keyup', 'beforeinput', 'textInput'];
    el.addEventListener('input', onText);
    el.addEventListener('change', onText);
    for (const name of quiet) el.addEventListener(name, stop);
    return () => {
      el.removeEventListener('input', onText);
      el.removeEventListener('change', onText);
      for (const name of quiet) el.removeEventListener(name, stop);
    };
  }, [setDraft]);

  // Leaving the page (reload, close) or this pane with a draft still in its debounce: save it now.
  useEffect(() => {
    const flush = () => void flushDraft();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      flush();
    };
  }, [flushDraft]);

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
    // Alt+S / Alt+D: share the next note to Slack / PagerDuty without leaving the box.
    if (matches(e.nativeEvent, 'note.shareSlack') || matches(e.nativeEvent, 'note.sharePagerduty')) {
      e.preventDefault();
      p.onToggleShare(matches(e.nativeEvent, 'note.shareSlack') ? 'slack' : 'pagerduty');
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
      {/* The box is its own relayout boundary (see .composer-box in notes.css): a keystroke lays out the box, not the
          page. */}
      <div className="composer-box">
        <textarea
          ref={setBox}
          aria-label="Note"
          className={p.kind === 'command' ? 'composer-input mono' : 'composer-input'}
          defaultValue={useNotes.getState().draft}
          placeholder={
            p.kind === 'command'
              ? 'Paste the command and its output…'
              : 'What happened? Enter saves, Shift+Enter for a new line'
          }
          onKeyDown={onKey}
          onBlur={() => void flushDraft()}
          rows={p.kind === 'command' ? 5 : 2}
        />
      </div>
      <div className="composer-foot">
        {shareTargets.map((t) => (
          <label key={t} className="share-toggle">
            <input type="checkbox" checked={p.share[t]} onChange={() => p.onToggleShare(t)} />
            {' Share to '}
            {vendorLabel(t)} <kbd>{t === 'slack' ? 'Alt+S' : 'Alt+D'}</kbd>
          </label>
        ))}
        <span className={over ? 'size over' : 'size'} aria-live="polite">
          {state.meter}
        </span>
        <button type="submit" className="primary" disabled={p.saving || state.empty}>
          {p.saving ? 'Saving…' : 'Save'} <kbd>Enter</kbd>
        </button>
      </div>
      {p.error ? (
        <p role="alert" className="error">
          {p.error.message}
        </p>
      ) : null}
      {p.draftError ? (
        <p className="warn small">Your draft could not be kept for after a restart: {p.draftError.message}</p>
      ) : null}
      <p className="muted small hints">
        <kbd>Alt+1…6</kbd> kind of this note · <kbd>Alt+P</kbd> pin latest · <kbd>Esc</kbd> leave the box, then{' '}
        <kbd>?</kbd> for every key
      </p>
    </form>
  );
});

export const Composer = memo(ComposerBox);
