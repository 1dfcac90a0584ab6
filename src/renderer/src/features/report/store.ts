// Report state: drafts by incident, the last review warnings, export progress, and report debt.
// Owns every api call for the report.
import { create } from 'zustand';
import type { OpInput } from '../../../../shared/contract';
import type {
  ExportFormat,
  ExportResult,
  IssueText,
  ReportChanged,
  ReportDebtItem,
  ReportStatus,
  ReportView,
  ReportWarning,
} from '../../../../shared/report';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';
import { downloadExport } from '../../api/http';

type Patch = OpInput<'report.update'>['patch'];
type ItemPatch = OpInput<'report.updateActionItem'>['patch'];
type NewItem = Omit<OpInput<'report.addActionItem'>, 'incidentId'>;

export const SNOOZE_MS = 2 * 60 * 60 * 1000;

interface ReportState {
  views: Record<string, ReportView>;
  error: ApiError | null;
  warnings: { incidentId: string; status: ReportStatus; list: ReportWarning[] } | null;
  exporting: ExportFormat | null;
  exported: ExportResult | null;
  exportError: ApiError | null;
  /** The format of the last export, so a refused one can be repeated with overwrite. */
  lastExport: ExportFormat | null;
  debt: ReportDebtItem[];
  snoozedUntil: number;
  load(incidentId: string): Promise<void>;
  update(incidentId: string, patch: Patch): Promise<boolean>;
  setStatus(incidentId: string, status: ReportStatus): Promise<boolean>;
  addItem(incidentId: string, item: NewItem): Promise<boolean>;
  updateItem(incidentId: string, itemId: string, patch: ItemPatch): Promise<boolean>;
  removeItem(incidentId: string, itemId: string): Promise<boolean>;
  issueText(incidentId: string, itemId: string): Promise<IssueText | null>;
  exportAs(incidentId: string, format: ExportFormat, overwrite?: boolean): Promise<void>;
  /** The export toast's action: download again (web shell) or show the file in its folder (desktop). */
  openExport(result: ExportResult): Promise<void>;
  dismissExport(): void;
  loadDebt(): Promise<void>;
  snooze(now?: number): void;
  dismissWarnings(): void;
  changed(payload: ReportChanged): void;
  timelineChanged(incidentId: string): void;
}

const reloads = new Map<string, ReturnType<typeof setTimeout>>();

export const useReport = create<ReportState>((set, get) => {
  const apply = (view: ReportView) => set({ views: { ...get().views, [view.incidentId]: view }, error: null });
  const settle = (res: { ok: true; value: ReportView } | { ok: false; error: ApiError }): boolean => {
    if (res.ok) apply(res.value);
    else set({ error: res.error });
    return res.ok;
  };
  return {
    views: {},
    error: null,
    warnings: null,
    exporting: null,
    exported: null,
    exportError: null,
    lastExport: null,
    debt: [],
    snoozedUntil: 0,
    async load(incidentId) {
      const res = await api().call['report.get']({ incidentId });
      settle(res);
    },
    async update(incidentId, patch) {
      return settle(await api().call['report.update']({ incidentId, patch }));
    },
    async setStatus(incidentId, status) {
      const res = await api().call['report.setStatus']({ incidentId, status });
      if (!res.ok) {
        set({ error: res.error });
        return false;
      }
      apply(res.value.report);
      set({ warnings: { incidentId, status, list: res.value.warnings } });
      void get().loadDebt();
      return true;
    },
    async addItem(incidentId, item) {
      return settle(await api().call['report.addActionItem']({ incidentId, ...item }));
    },
    async updateItem(incidentId, itemId, patch) {
      return settle(await api().call['report.updateActionItem']({ incidentId, itemId, patch }));
    },
    async removeItem(incidentId, itemId) {
      return settle(await api().call['report.removeActionItem']({ incidentId, itemId }));
    },
    async issueText(incidentId, itemId) {
      const res = await api().call['report.issueText']({ incidentId, itemId });
      if (res.ok) return res.value;
      set({ error: res.error });
      return null;
    },
    async exportAs(incidentId, format, overwrite) {
      set({ exporting: format, exported: null, exportError: null, lastExport: format });
      const res = await api().call['report.export']({ incidentId, format, ...(overwrite ? { overwrite } : {}) });
      if (!res.ok) return set({ exporting: null, exportError: res.error });
      set({ exporting: null, exported: res.value });
      // The web shell wrote it in Conn's reports folder: hand it to the browser as a download.
      if (res.value.download) {
        const failed = await downloadExport(res.value.download);
        if (failed) set({ exported: null, exportError: failed });
      }
    },
    async openExport(result) {
      if (result.download) {
        const failed = await downloadExport(result.download);
        if (failed) set({ exported: null, exportError: failed });
        return;
      }
      if (!result.path) return;
      const res = await api().call['report.showExport']({ path: result.path });
      if (!res.ok) set({ exported: null, exportError: res.error });
    },
    dismissExport() {
      set({ exported: null, exportError: null });
    },
    async loadDebt() {
      const res = await api().call['report.debt']({});
      if (res.ok) set({ debt: res.value });
    },
    snooze(now = Date.now()) {
      set({ snoozedUntil: now + SNOOZE_MS });
    },
    dismissWarnings() {
      set({ warnings: null });
    },
    changed(payload) {
      const current = get().views[payload.incidentId];
      if (current && current.version < payload.version) void get().load(payload.incidentId);
      void get().loadDebt();
    },
    timelineChanged(incidentId) {
      // A busy incident appends many entries a second: reload an open report once they pause, not per entry.
      if (!get().views[incidentId] || reloads.has(incidentId)) return;
      reloads.set(
        incidentId,
        setTimeout(() => {
          reloads.delete(incidentId);
          void get().load(incidentId);
        }, 500),
      );
    },
  };
});
