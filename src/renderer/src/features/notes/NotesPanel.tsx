// The notes pane: a virtualised, incrementally loaded list of the incident's notes and the note box below it.
import { matches } from '../../ui/keymap';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { noteKindLabels, type Note } from '../../../../shared/notes';
import { useNavigation } from '../search/navigation';
import { Composer } from './Composer';
import { NoteItem } from './NoteItem';
import { useNotes } from './store';
import './notes.css';

const NEAR_EDGE_PX = 300;
const NONE: Note[] = [];

export function NotesPanel({ incidentId }: { incidentId: string }) {
  const s = useNotes(
    useShallow((st) => ({
      items: st.items,
      hasBefore: st.hasBefore,
      hasAfter: st.hasAfter,
      timeZone: st.timeZone,
      loading: st.loading,
      error: st.error,
      focus: st.focus,
      histories: st.histories,
      current: st.incidentId,
    })),
  );
  const actions = useNotes.getState();
  const target = useNavigation((n) => n.target);
  const scrollRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const atBottom = useRef(true);

  const aroundNote = target && target.incidentId === incidentId && target.tab === 'work' ? target.noteId : null;
  const targetSeq = target?.seq ?? 0;
  useEffect(() => {
    void useNotes.getState().open(incidentId, aroundNote);
  }, [incidentId, aroundNote, targetSeq]);

  const items = s.current === incidentId ? s.items : NONE;
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 8,
    getItemKey: (i) => items[i]!.id,
    // Scroll updates render with the next React batch, not synchronously inside the scroll event: a note arriving
    // (which scrolls the list to the bottom) then never delays the frame of a key being typed.
    useFlushSync: false,
  });

  // While the reader is at the bottom, stay there as notes arrive and rows get measured.
  const total = v.getTotalSize();
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && atBottom.current && !s.focus && items.length) el.scrollTop = el.scrollHeight;
  }, [items, total, s.focus]);

  useEffect(() => {
    if (!s.focus) return;
    const idx = items.findIndex((n) => n.id === s.focus!.noteId);
    if (idx >= 0) {
      atBottom.current = false;
      v.scrollToIndex(idx, { align: 'center' });
    }
  }, [s.focus, items, v]);

  const onScroll = useCallback(async () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    const st = useNotes.getState();
    if (el.scrollTop < NEAR_EDGE_PX && st.hasBefore && !st.loading) {
      const added = await st.loadOlder();
      if (added) v.scrollToIndex(added, { align: 'start' });
    } else if (el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_EDGE_PX && st.hasAfter && !st.loading) {
      await st.loadNewer();
    }
  }, [v]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches(e, 'notes.focus')) {
        e.preventDefault();
        inputRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Stable callbacks: the note box is memoised and must not re-render when notes arrive.
  const submit = useCallback(() => {
    atBottom.current = true;
    void useNotes
      .getState()
      .append()
      .then((ok) => ok && inputRef.current?.focus());
  }, []);
  const pinLast = useCallback(() => {
    const list = useNotes.getState().items;
    const last = list[list.length - 1];
    if (last) void useNotes.getState().pin(last.id, !last.pinned);
  }, []);
  const pinned = items.filter((n) => n.pinned);

  return (
    <section className="panel notes-panel" aria-label="Notes" data-incident={incidentId}>
      <header className="notes-head">
        <h2>Notes</h2>
        <span className="muted small">
          {items.length}
          {s.hasBefore ? '+' : ''} loaded{s.loading ? ' · loading…' : ''}
        </span>
      </header>
      {pinned.length ? (
        <ul className="pinned-strip" aria-label="Pinned notes">
          {pinned.slice(-5).map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className="linkish"
                onClick={() => v.scrollToIndex(items.indexOf(n), { align: 'center' })}
              >
                ★ {noteKindLabels[n.kind]}: {n.body.slice(0, 80)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {s.error ? (
        <p role="alert" className="error">
          Could not load notes: {s.error.message}
        </p>
      ) : null}
      {/* A feed is made of articles: with no note yet, it is a plain box (axe: aria-required-children). */}
      <div
        className="notes-scroll"
        ref={scrollRef}
        onScroll={() => void onScroll()}
        role={items.length ? 'feed' : undefined}
        aria-busy={s.loading}
      >
        {items.length === 0 && !s.loading ? <p className="empty">No notes yet. Type below and press Enter.</p> : null}
        <div className="notes-inner" style={{ height: total }}>
          {v.getVirtualItems().map((row) => {
            const note = items[row.index]!;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={v.measureElement}
                className="note-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <NoteItem
                  note={note}
                  timeZone={s.timeZone}
                  highlighted={s.focus?.noteId === note.id}
                  history={s.histories[note.id]}
                  onPin={actions.pin}
                  onEdit={actions.edit}
                  onShare={actions.shareNote}
                  onHistory={actions.loadHistory}
                />
              </div>
            );
          })}
        </div>
      </div>
      <Composer ref={inputRef} onSubmit={submit} onPinLast={pinLast} />
    </section>
  );
}
