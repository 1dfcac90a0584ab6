// Search from anywhere: Ctrl+K (or / when not typing) opens it, arrows pick, Enter opens the incident at that entry.
import { keyOf, matches } from '../../ui/keymap';
import { sourceLabel, timelineKindLabel } from '../../../../shared/labels';
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { noteKindLabels, noteKinds, type NoteKind } from '../../../../shared/notes';
import { useFocusTrap } from '../../ui/focusTrap';
import { formatTime, localTitle } from '../../ui/time';
import { useSearch } from './store';
import './search.css';

const kindLabel = (k: string) => ((noteKinds as readonly string[]).includes(k) ? noteKindLabels[k as NoteKind] : k);

export function SearchOverlay() {
  const s = useSearch(
    useShallow((st) => ({
      open: st.open,
      text: st.text,
      hits: st.hits,
      capped: st.capped,
      selected: st.selected,
      loading: st.loading,
      error: st.error,
    })),
  );
  const actions = useSearch.getState();
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  useFocusTrap(boxRef, s.open);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Ctrl+K works while typing; "/" only outside text fields (there it is a character).
      if (keyOf(e) === 'Ctrl+K' || (keyOf(e) === '/' && matches(e, 'search'))) {
        e.preventDefault();
        useSearch.getState().show();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (s.open) inputRef.current?.select();
  }, [s.open]);

  if (!s.open) return null;
  return (
    <div className="search-backdrop" onMouseDown={(e) => e.target === e.currentTarget && actions.hide()}>
      <div ref={boxRef} className="search-box" role="dialog" aria-modal="true" aria-label="Search" tabIndex={-1}>
        <input
          ref={inputRef}
          aria-label="Search notes and timelines"
          placeholder='Search every incident: words match as prefixes, "exact phrase", OR, NOT'
          value={s.text}
          onChange={(e) => actions.setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') actions.move(1);
            else if (e.key === 'ArrowUp') actions.move(-1);
            else if (e.key === 'Enter') actions.choose();
            else if (e.key === 'Escape') actions.hide();
            else return;
            e.preventDefault();
          }}
        />
        {s.error ? (
          <p role="alert" className="error search-error">
            {s.error.message}
          </p>
        ) : null}
        {!s.error && s.text.trim() && !s.loading && s.hits.length === 0 ? (
          <p className="muted search-empty">No matches.</p>
        ) : null}
        {!s.error && s.capped.length ? (
          <p className="muted small search-capped" role="note">
            {s.capped.map((c) => `“${c}…”`).join(', ')} {s.capped.length === 1 ? 'stands' : 'stand'} for too many words:
            only the commonest were searched, so a rarer one may be missing. Type more letters to narrow{' '}
            {s.capped.length === 1 ? 'it' : 'them'}.
          </p>
        ) : null}
        <ul className="search-results" role="listbox" aria-label="Results">
          {s.hits.map((h, i) => (
            <li
              key={`${h.type}:${h.noteId ?? h.entryId}`}
              role="option"
              aria-selected={i === s.selected}
              className={i === s.selected ? 'search-hit selected' : 'search-hit'}
              onMouseDown={(e) => {
                e.preventDefault();
                actions.choose(i);
              }}
            >
              <div className="search-meta">
                <span className="search-incident">{h.incidentTitle}</span>
                <span className={`kind-badge kind-${h.kind}`}>
                  {h.type === 'note' ? kindLabel(h.kind) : `${sourceLabel(h.source)} · ${timelineKindLabel(h.kind)}`}
                </span>
                <time dateTime={h.at} title={localTitle(h.at)}>
                  {formatTime(h.at)}
                </time>
              </div>
              <p className="search-snippet">
                {h.snippet.map((p, k) => (p.hit ? <mark key={k}>{p.text}</mark> : <span key={k}>{p.text}</span>))}
              </p>
            </li>
          ))}
        </ul>
        <p className="muted small search-hints">
          <kbd>↑</kbd>
          <kbd>↓</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close · best matches among the newest 300 of
          notes and of other entries: add a word to reach older ones
        </p>
      </div>
    </div>
  );
}
