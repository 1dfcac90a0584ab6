// Notes pane state for the open incident: a window of notes paged by cursor, the draft, and every api call.
import { create } from 'zustand';
import type { Note, NoteKind, NoteRevision, ShareTarget } from '../../../../shared/notes';
import type { OutboxJob } from '../../../../shared/outbox';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';
import { heardDuringReads, mergeHeard } from '../../api/overtaken';
import { extendWindow } from '../../ui/paging';

const PAGE = 100;
const DRAFT_DEBOUNCE_MS = 400;

interface NotesState {
  incidentId: string | null;
  items: Note[];
  hasBefore: boolean;
  hasAfter: boolean;
  timeZone: string;
  loading: boolean;
  error: ApiError | null;
  /** The note box: its text survives failed saves, crashes (via notes.saveDraft) and quits. */
  draft: string;
  kind: NoteKind;
  share: Record<ShareTarget, boolean>;
  saving: boolean;
  saveError: ApiError | null;
  draftError: ApiError | null;
  /** Note to scroll to and highlight (a search result), with a counter to re-trigger. */
  focus: { noteId: string; seq: number } | null;
  histories: Record<string, NoteRevision[]>;
  open(incidentId: string, aroundNoteId?: string | null): Promise<void>;
  loadOlder(): Promise<number>;
  loadNewer(): Promise<void>;
  setDraft(body: string): void;
  /** Saves a draft still waiting for its debounce now (blur, page hide, incident switch): nothing typed is lost. */
  flushDraft(): Promise<void>;
  /** The draft's last save failed (the server was away): save it again now, without waiting for a keystroke. */
  retryDraft(): Promise<void>;
  setKind(kind: NoteKind): void;
  toggleShare(target: ShareTarget): void;
  append(): Promise<boolean>;
  edit(noteId: string, body: string): Promise<boolean>;
  pin(noteId: string, pinned: boolean): Promise<void>;
  shareNote(noteId: string, target: ShareTarget): Promise<void>;
  loadHistory(noteId: string): Promise<void>;
  received(note: Note): void;
  changed(note: Note): void;
  outboxChanged(job: OutboxJob): void;
}

let draftTimer: ReturnType<typeof setTimeout> | null = null;
/** Incidents whose box text this window saved as a draft: only those can hold a stale one after a note is saved. */
const draftsOnServer = new Set<string>();
let attempt: { body: string; clientId: string } | null = null;
let queue: Promise<boolean> = Promise.resolve(true);
const newClientId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `c${Date.now()}${Math.random().toString(36).slice(2)}`;

// The server's order: time, then id (compared as SQLite does, code unit by code unit).
const byPosition = (a: Note, b: Note) =>
  a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Notes that events brought (appended or changed) while a page was being read. */
const pages = heardDuringReads<Note>();

export const useNotes = create<NotesState>((set, get) => {
  // Share states can change (outbox events) before the note's own answer arrives: remember the newest per job
  // and never let an older snapshot of the note put a share back to an earlier state.
  const latestShare = new Map<string, Note['shares'][number]>();
  const fresher = (note: Note): Note => ({
    ...note,
    shares: note.shares.map((s) => {
      const seen = latestShare.get(s.jobId);
      return seen && seen.updatedAt > s.updatedAt ? seen : s;
    }),
  });
  const replace = (note: Note) => set({ items: get().items.map((n) => (n.id === note.id ? fresher(note) : n)) });
  const saveDraftNow = async () => {
    const { incidentId, draft, kind } = get();
    if (!incidentId) return;
    if (draft.trim() === '') draftsOnServer.delete(incidentId);
    else draftsOnServer.add(incidentId);
    const res = await api().call['notes.saveDraft']({ incidentId, body: draft, kind });
    if (get().incidentId === incidentId) set({ draftError: res.ok ? null : res.error });
  };
  // One timer per pause, not one per keystroke: a key only notes when it was typed, and the timer, when it fires
  // early, waits out the rest of the pause (clearing and setting a timer on every key cost more than the key itself).
  let lastTyped = 0;
  const armDraftTimer = (ms: number) => {
    draftTimer = setTimeout(() => {
      const wait = lastTyped + DRAFT_DEBOUNCE_MS - Date.now();
      if (wait > 0) return armDraftTimer(wait);
      draftTimer = null;
      void saveDraftNow();
    }, ms);
  };
  const flushDraft = (): Promise<void> => {
    if (!draftTimer) return Promise.resolve();
    clearTimeout(draftTimer);
    draftTimer = null;
    return saveDraftNow();
  };
  return {
    incidentId: null,
    items: [],
    hasBefore: false,
    hasAfter: false,
    timeZone: 'UTC',
    loading: false,
    error: null,
    draft: '',
    kind: 'note',
    share: { slack: false, pagerduty: false },
    saving: false,
    saveError: null,
    draftError: null,
    focus: null,
    histories: {},

    async open(incidentId, aroundNoteId) {
      const switching = get().incidentId !== incidentId;
      if (switching) {
        // Leaving an incident mid-debounce: keep its last keystrokes too (the save reads the state before the switch).
        void flushDraft();
        set({
          incidentId,
          items: [],
          draft: '',
          kind: 'note',
          saveError: null,
          draftError: null,
          histories: {},
          focus: null,
        });
      }
      set({ loading: true, error: null });
      const {
        value: [page, draft],
        heard,
      } = await pages.read(() =>
        Promise.all([
          api().call['notes.list']({ incidentId, limit: PAGE, ...(aroundNoteId ? { around: aroundNoteId } : {}) }),
          switching ? api().call['notes.getDraft']({ incidentId }) : Promise.resolve(null),
        ]),
      );
      if (get().incidentId !== incidentId) return;
      if (!page.ok) {
        set({ loading: false, error: page.error });
        return;
      }
      const { hasBefore, hasAfter, timeZone } = page.value;
      set({
        items: mergeHeard(page.value.items, heard, {
          reachesNewest: !hasAfter,
          belongs: (n) => n.incidentId === incidentId,
          order: byPosition,
        }),
        hasBefore,
        hasAfter,
        timeZone,
        loading: false,
        focus: aroundNoteId ? { noteId: aroundNoteId, seq: (get().focus?.seq ?? 0) + 1 } : get().focus,
      });
      if (draft && draft.ok && draft.value.draft && get().draft === '') {
        draftsOnServer.add(incidentId);
        set({ draft: draft.value.draft.body, kind: draft.value.draft.kind });
      }
    },

    loadOlder: () =>
      extendWindow('before', get, set, (incidentId, c) => api().call['notes.list']({ incidentId, limit: PAGE, ...c })),

    async loadNewer() {
      await extendWindow('after', get, set, (incidentId, c) =>
        api().call['notes.list']({ incidentId, limit: PAGE, ...c }),
      );
    },

    setDraft(body) {
      set({ draft: body, saveError: null });
      lastTyped = Date.now();
      if (!draftTimer) armDraftTimer(DRAFT_DEBOUNCE_MS);
    },

    flushDraft,

    async retryDraft() {
      if (!get().draftError || draftTimer) return;
      await saveDraftNow();
    },

    setKind(kind) {
      set({ kind, saveError: null });
      if (get().draft) get().setDraft(get().draft);
    },

    toggleShare(target) {
      set({ share: { ...get().share, [target]: !get().share[target] } });
    },

    append() {
      // Snapshot what Enter was pressed on; saves run one after another so a fast second Enter is never dropped.
      const { incidentId, draft, kind, share } = get();
      if (!incidentId || draft.trim() === '') return Promise.resolve(false);
      // The box empties at once, like a chat box: the next note can be typed while this one saves.
      if (draftTimer) clearTimeout(draftTimer);
      draftTimer = null;
      // A kind or share picked for this note applies to it only: the next note starts as a plain, unshared note.
      set({ draft: '', kind: 'note', share: { slack: false, pagerduty: false } });
      const run = async (): Promise<boolean> => {
        if (!attempt || attempt.body !== draft) attempt = { body: draft, clientId: newClientId() };
        set({ saving: true, saveError: null });
        const res = await api().call['notes.append']({
          incidentId,
          body: draft,
          kind,
          share,
          clientId: attempt.clientId,
        });
        const here = get().incidentId === incidentId;
        if (!res.ok) {
          // Nothing typed is lost: the text goes back in the box, ahead of anything typed since, and is kept as
          // the incident's draft (also when another incident is open by now).
          const typed = here ? get().draft : '';
          const restored = typed.trim() ? `${draft}\n${typed}` : draft;
          if (here) {
            get().setDraft(restored); // (clears any earlier error, so the new one is set after it)
            set({ saving: false, saveError: res.error, share, kind });
          } else {
            set({ saving: false });
            void api().call['notes.saveDraft']({ incidentId, body: restored, kind });
          }
          return false;
        }
        attempt = null;
        // A draft saved while the note was being typed is stale now: drop it unless newer text was typed since.
        if (draftsOnServer.has(incidentId) && (!here || get().draft === '')) {
          draftsOnServer.delete(incidentId);
          void api().call['notes.saveDraft']({ incidentId, body: '', kind });
        }
        set({ saving: false, focus: null });
        // Looking at older notes (a search result): jump back to the newest page to show the new note.
        if (get().hasAfter && here) await get().open(incidentId);
        else get().received(res.value);
        return true;
      };
      const next = queue.then(run, run);
      queue = next.catch(() => false);
      return next;
    },

    async edit(noteId, body) {
      const res = await api().call['notes.edit']({ noteId, body });
      if (!res.ok) {
        set({ saveError: res.error });
        return false;
      }
      const { [noteId]: _dropped, ...histories } = get().histories;
      set({ histories });
      replace(res.value);
      return true;
    },

    async pin(noteId, pinned) {
      const res = await api().call['notes.pin']({ noteId, pinned });
      if (res.ok) replace(res.value);
      else set({ saveError: res.error });
    },

    async shareNote(noteId, target) {
      const res = await api().call['notes.share']({ noteId, [target]: true });
      if (res.ok) replace(res.value);
      else set({ saveError: res.error });
    },

    async loadHistory(noteId) {
      const res = await api().call['notes.history']({ noteId });
      if (res.ok) set({ histories: { ...get().histories, [noteId]: res.value } });
    },

    received(note) {
      pages.heard(note.id, note);
      const { incidentId, items, hasAfter } = get();
      if (note.incidentId !== incidentId) return;
      if (items.some((n) => n.id === note.id)) {
        replace(note);
        return;
      }
      // Only extend the window when it already reaches the newest note; otherwise paging will find it.
      if (hasAfter) return;
      const last = items[items.length - 1];
      const fresh = fresher(note);
      set({ items: !last || byPosition(last, note) <= 0 ? [...items, fresh] : [...items, fresh].sort(byPosition) });
    },

    changed(note) {
      pages.heard(note.id, note);
      if (get().items.some((n) => n.id === note.id)) replace(note);
    },

    outboxChanged(job) {
      if (job.refType !== 'note' || !job.refId) return;
      const share = {
        jobId: job.id,
        vendor: job.vendor,
        state: job.state,
        lastError: job.lastError,
        updatedAt: job.updatedAt,
      };
      const prev = latestShare.get(job.id);
      if (!prev || prev.updatedAt <= share.updatedAt) latestShare.set(job.id, share);
      const note = get().items.find((n) => n.id === job.refId);
      if (!note) return;
      const shares = note.shares.some((s) => s.jobId === job.id)
        ? note.shares.map((s) => (s.jobId === job.id ? share : s))
        : [...note.shares, share];
      replace({ ...note, shares });
    },
  };
});
