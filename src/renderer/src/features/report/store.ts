// Report state: drafts by incident, the last review warnings, export progress, and report debt.
// Owns every api call for the report.
import { create } from 'zustand';
import type { OpInput } from '../../../../shared/contract';
import type {
  ExportFormat,
  ExportResult,
  Finding,
  IssueText,
  ReportChanged,
  ReportDebtItem,
  ReportStatus,
  ReportTimelinePage,
  ReportView,
  ReportWarning,
} from '../../../../shared/report';
import type { ApiError, Result } from '../../../../shared/result';
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
  /** The open fact check: its findings (null while the first check runs), and whether Reviewed was just refused. */
  factCheck: { incidentId: string; findings: Finding[] | null; gated: boolean } | null;
  check(incidentId: string): Promise<void>;
  closeCheck(): void;
  load(incidentId: string): Promise<void>;
  /** A page of the report's timeline past the first (report.get carries that one). */
  timelinePage(incidentId: string, cursor: { before: string } | { after: string }): Promise<Result<ReportTimelinePage>>;
  update(incidentId: string, patch: Patch): Promise<boolean>;
  setStatus(incidentId: string, status: ReportStatus, override?: { reason: string }): Promise<boolean>;
  addItem(incidentId: string, item: NewItem): Promise<boolean>;
  updateItem(incidentId: string, itemId: string, patch: ItemPatch): Promise<boolean>;
  removeItem(incidentId: string, itemId: string): Promise<boolean>;
  issueText(incidentId: string, itemId: string): Promise<IssueText | null>;
  /** Opens GitHub issues for these items (every item without one when absent), through the outbox. */
  createIssues(incidentId: string, itemIds?: string[]): Promise<boolean>;
  /** Reads the items' issue states from GitHub now. */
  refreshIssues(incidentId: string): Promise<boolean>;
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
  const apply = (view: ReportView) => {
    set({ views: { ...get().views, [view.incidentId]: view }, error: null });
    // An open fact check follows the report, so each finding clears as it is fixed.
    const open = get().factCheck;
    if (open && open.incidentId === view.incidentId && open.findings !== null) void get().check(view.incidentId);
  };
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
    factCheck: null,
    async check(incidentId) {
      const current = get().factCheck;
      const gated = current?.incidentId === incidentId ? current.gated : false;
      if (current?.incidentId !== incidentId) set({ factCheck: { incidentId, findings: null, gated } });
      const res = await api().call['report.check']({ incidentId });
      if (!res.ok) return set({ error: res.error });
      if (get().factCheck?.incidentId !== incidentId) return; // closed meanwhile
      set({ factCheck: { incidentId, findings: res.value.findings, gated: gated && res.value.findings.length > 0 } });
    },
    closeCheck() {
      set({ factCheck: null });
    },
    async load(incidentId) {
      const res = await api().call['report.get']({ incidentId });
      settle(res);
    },
    timelinePage(incidentId, cursor) {
      return api().call['report.timeline']({ incidentId, ...cursor, limit: 200 });
    },
    async update(incidentId, patch) {
      return settle(await api().call['report.update']({ incidentId, patch }));
    },
    async setStatus(incidentId, status, override) {
      const res = await api().call['report.setStatus']({ incidentId, status, ...(override ? { override } : {}) });
      if (!res.ok) {
        const details = res.error.details as { findings?: Finding[] } | undefined;
        if (res.error.code === 'precondition_failed' && Array.isArray(details?.findings)) {
          // Reviewed refused: show the findings, with the override.
          set({ factCheck: { incidentId, findings: details.findings, gated: true } });
        } else set({ error: res.error });
        return false;
      }
      if (get().factCheck?.incidentId === incidentId) set({ factCheck: null });
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
    async createIssues(incidentId, itemIds) {
      const res = await api().call['report.createIssues']({ incidentId, ...(itemIds ? { itemIds } : {}) });
      if (!res.ok) {
        set({ error: res.error });
        return false;
      }
      apply(res.value.report);
      return true;
    },
    async refreshIssues(incidentId) {
      return settle(await api().call['report.refreshIssues']({ incidentId }));
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
