// The status-update composer: which incident, the chosen template, the text being written (kept per
// template so switching never loses typing), and sending.
import { create } from 'zustand';
import type { SentUpdate } from '../../../../shared/ops/updates';
import { placeholdersIn, type UpdateTemplate } from '../../../../shared/reminders';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface Draft {
  text: string;
  unknown: string[];
  missing: string[];
}

interface UpdatesState {
  incidentId: string | null;
  /** Whose drafts `drafts` holds: closing the composer keeps them for when it reopens. */
  draftsOf: string | null;
  template: UpdateTemplate;
  drafts: Partial<Record<UpdateTemplate, Draft>>;
  loading: boolean;
  sending: boolean;
  error: ApiError | null;
  sent: SentUpdate | null;
  open(incidentId: string, template?: UpdateTemplate): Promise<void>;
  pick(template: UpdateTemplate): Promise<void>;
  edit(text: string): void;
  /** `again`: the user confirmed sending the same text as the last update once more. */
  send(again?: boolean): Promise<boolean>;
  close(): void;
}

export const useUpdates = create<UpdatesState>((set, get) => ({
  incidentId: null,
  draftsOf: null,
  template: 'update',
  drafts: {},
  loading: false,
  sending: false,
  error: null,
  sent: null,
  async open(incidentId, template = 'update') {
    if (get().draftsOf !== incidentId) set({ drafts: {}, draftsOf: incidentId });
    set({ incidentId, sent: null, error: null });
    await get().pick(template);
  },
  async pick(template) {
    const incidentId = get().incidentId;
    set({ template, error: null });
    if (!incidentId || get().drafts[template]) return;
    set({ loading: true });
    const res = await api().call['updates.draft']({ incidentId, template });
    if (!res.ok) {
      set({ loading: false, error: res.error });
      return;
    }
    const d = res.value;
    set({
      loading: false,
      drafts: { ...get().drafts, [template]: { text: d.text, unknown: d.unknownPlaceholders, missing: d.missing } },
    });
  },
  edit(text) {
    const { template, drafts } = get();
    const before = drafts[template] ?? { text: '', unknown: [], missing: [] };
    set({ drafts: { ...drafts, [template]: { ...before, text } }, sent: null });
  },
  async send(again) {
    const { incidentId, template, drafts } = get();
    const text = drafts[template]?.text ?? '';
    if (!incidentId || get().sending) return false;
    if (placeholdersIn(text).length > 0) return false;
    set({ sending: true, error: null });
    const res = await api().call['updates.send']({ incidentId, text, ...(again ? { again: true } : {}) });
    if (!res.ok) {
      set({ sending: false, error: res.error }); // the text stays as typed
      return false;
    }
    const { [template]: _sentDraft, ...rest } = drafts;
    set({ sending: false, sent: res.value, drafts: rest });
    return true;
  },
  close() {
    set({ incidentId: null, sent: null, error: null });
  },
}));
