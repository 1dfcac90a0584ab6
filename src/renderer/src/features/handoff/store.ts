// Handoff and take-over state: the draft being edited, the chosen commander, confirmation, per-part progress,
// and the take-over preview. Every api call for these features lives here.
import { create } from 'zustand';
import type { HandoffDraft, HandoffStatus, TakeoverPreview } from '../../../../shared/ops/handoff';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';
import { snapshotRace } from '../../api/overtaken';
import { useIncidents } from '../incidents/store';

interface HandoffState {
  incidentId: string | null;
  draft: HandoffDraft | null;
  brief: string;
  briefEdited: boolean;
  toPersonId: string | null;
  confirmed: boolean;
  liaisonMoves: boolean | null;
  loading: boolean;
  sending: boolean;
  error: ApiError | null;
  status: HandoffStatus | null;
  open(incidentId: string): Promise<void>;
  pickPerson(personId: string): Promise<void>;
  setLiaisonMoves(moves: boolean): Promise<void>;
  editBrief(text: string): void;
  setConfirmed(v: boolean): void;
  send(): Promise<void>;
  retry(jobId: string): Promise<void>;
  statusChanged(s: HandoffStatus): void;
  /** Reads the shown handoff's progress again (after the event stream reopened: its changes may have been missed). */
  catchUp(): Promise<void>;
  close(): void;
}

/**
 * The newest status event of this incident that came while handoff.send was still answering: the parts go out and
 * report as soon as the send commits, so their events can reach the page before the send's own answer, which then
 * holds an older state (every part "waiting") that no later event would correct.
 */
let early: HandoffStatus | null = null;
/** Status events applied to the shown handoff mark the reads of it in flight: which of the two is newer is unknown. */
const race = snapshotRace();
/** Reads in a row at most when each answer overlapped a status event (see catchUp). */
const CATCH_UP_READS = 3;

export const useHandoff = create<HandoffState>((set, get) => ({
  incidentId: null,
  draft: null,
  brief: '',
  briefEdited: false,
  toPersonId: null,
  confirmed: false,
  liaisonMoves: null,
  loading: false,
  sending: false,
  error: null,
  status: null,
  async open(incidentId) {
    set({
      incidentId,
      draft: null,
      brief: '',
      briefEdited: false,
      toPersonId: null,
      confirmed: false,
      liaisonMoves: null,
      error: null,
      status: null,
    });
    await refresh(set, get);
  },
  async pickPerson(personId) {
    set({ toPersonId: personId, confirmed: false });
    await refresh(set, get);
  },
  async setLiaisonMoves(moves) {
    set({ liaisonMoves: moves });
    await refresh(set, get);
  },
  editBrief(text) {
    set({ brief: text, briefEdited: true });
  },
  setConfirmed(v) {
    set({ confirmed: v });
  },
  async send() {
    const { incidentId, toPersonId, brief, confirmed, liaisonMoves } = get();
    if (!incidentId) return;
    early = null;
    set({ sending: true, error: null });
    const res = await api().call['handoff.send']({
      incidentId,
      ...(toPersonId ? { toPersonId } : {}),
      brief,
      confirmed,
      ...(liaisonMoves === null ? {} : { liaisonMoves }),
    });
    const seen = early as HandoffStatus | null; // set by statusChanged while this awaited
    const newer = res.ok && seen?.handoffId === res.value.handoffId ? seen : null;
    early = null;
    // On a refusal the brief and choices stay as typed.
    set(res.ok ? { sending: false, status: newer ?? res.value } : { sending: false, error: res.error });
  },
  async retry(jobId) {
    const res = await api().call['outbox.retry']({ jobId });
    if (!res.ok) set({ error: res.error });
  },
  statusChanged(s) {
    const { status, sending, incidentId } = get();
    if (status?.handoffId === s.handoffId) {
      race.heard(s.handoffId);
      set({ status: s });
    } else if (!status && sending && s.incidentId === incidentId) early = s;
  },
  async catchUp() {
    for (let read = 0; read < CATCH_UP_READS; read++) {
      const handoffId = get().status?.handoffId;
      if (!handoffId) return;
      const { value: res, overtaken } = await race.read(handoffId, () => api().call['handoff.status']({ handoffId }));
      if (!res.ok || get().status?.handoffId !== handoffId) return;
      // An event applied meanwhile may be newer than this answer, or older: read once more to settle it.
      if (!overtaken) return set({ status: res.value });
    }
  },
  close() {
    set({ incidentId: null, status: null, error: null });
  },
}));

type Set = (p: Partial<HandoffState>) => void;
async function refresh(set: Set, get: () => HandoffState) {
  const { incidentId, toPersonId, liaisonMoves } = get();
  if (!incidentId) return;
  set({ loading: true });
  const res = await api().call['handoff.draft']({
    incidentId,
    ...(toPersonId ? { toPersonId } : {}),
    ...(liaisonMoves === null ? {} : { liaisonMoves }),
  });
  if (!res.ok) {
    set({ loading: false, error: res.error });
    return;
  }
  // A brief the commander already edited is never replaced by a fresh draft.
  set({ loading: false, draft: res.value, error: null, ...(get().briefEdited ? {} : { brief: res.value.brief }) });
}

interface TakeoverState {
  open: boolean;
  ref: string;
  loading: boolean;
  error: ApiError | null;
  preview: TakeoverPreview | null;
  confirmed: boolean;
  /** Confirm is creating the session and asking the vendors what is done. */
  confirming: boolean;
  show(): void;
  hide(): void;
  setRef(ref: string): void;
  setConfirmed(v: boolean): void;
  fetch(): Promise<void>;
  /** Reads again only the sources that failed (integrations.import with `sources`), and updates the preview. */
  retryFailed(): Promise<void>;
  confirm(): Promise<boolean>;
}

export const useTakeover = create<TakeoverState>((set, get) => ({
  open: false,
  ref: '',
  loading: false,
  error: null,
  preview: null,
  confirmed: false,
  confirming: false,
  show: () => set({ open: true, error: null, preview: null, confirmed: false }),
  hide: () => set({ open: false }),
  setRef: (ref) => set({ ref }),
  setConfirmed: (v) => set({ confirmed: v }),
  async fetch() {
    const ref = get().ref.trim();
    if (!ref) return;
    set({ loading: true, error: null, preview: null });
    const input =
      ref.startsWith('#') || /^C[A-Z0-9]{6,}$/.test(ref) || /^[a-z0-9_-]+$/.test(ref)
        ? { slackChannel: ref }
        : { pagerdutyIncident: ref };
    const res = await api().call['takeover.import'](input);
    set(res.ok ? { loading: false, preview: res.value } : { loading: false, error: res.error });
  },
  async retryFailed() {
    const p = get().preview;
    if (!p) return;
    const failed = p.sources.filter((x) => x.status === 'failed').map((x) => x.source);
    if (failed.length === 0) return;
    set({ loading: true, error: null });
    // Reads only the failed sources again; the preview keeps what was read and still writes nothing.
    const res = await api().call['takeover.retry']({ previewId: p.previewId, sources: failed });
    set(res.ok ? { loading: false, preview: res.value } : { loading: false, error: res.error });
  },
  async confirm() {
    const p = get().preview;
    if (!p) return false;
    set({ confirming: true, error: null });
    const res = await api().call['takeover.confirm']({ previewId: p.previewId, confirmed: get().confirmed });
    if (!res.ok) {
      set({ confirming: false, error: res.error });
      return false;
    }
    set({ confirming: false });
    useIncidents.getState().select(res.value.incident.id);
    set({ open: false, preview: null, ref: '', confirmed: false });
    return true;
  },
}));
