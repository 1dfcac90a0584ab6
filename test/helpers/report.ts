// Helpers for report tests: a core with an optional PDF printer, and timeline rows written directly
// (the notes/timeline operations live on another branch).
import type { ChooseExportFile, RevealFile } from '../../src/main/core/services/report';
import { createCore, type Core } from '../../src/main/core';
import type { PdfPrinter } from '../../src/main/core/ports';
import type { Incident } from '../../src/shared/domain';
import { noteKinds } from '../../src/shared/notes';
import type { ReportView } from '../../src/shared/report';
import { fakeClock, type FakeClock } from './core';
import { tempDir } from './tempDir';

export function reportCore(
  opts: {
    pdfPrinter?: PdfPrinter;
    clock?: FakeClock;
    chooseExportFile?: ChooseExportFile;
    revealFile?: RevealFile;
  } = {},
) {
  const dir = tempDir();
  const clock = opts.clock ?? fakeClock();
  const core: Core = createCore({
    dataDir: dir.path,
    clock,
    pdfPrinter: opts.pdfPrinter,
    chooseExportFile: opts.chooseExportFile,
    revealFile: opts.revealFile,
  });
  return {
    core,
    clock,
    dataDir: dir.path,
    cleanup() {
      core.close();
      dir.cleanup();
    },
  };
}

export async function must<T>(
  p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

export async function declare(core: Core, title = 'Users cannot start servers', hub: string | undefined = 'uw-hub') {
  return must<Incident>(core.invoke('incidents.declare', { title, ...(hub ? { hub } : {}) }));
}

let seq = 0;
export function addEntry(
  core: Core,
  incidentId: string,
  e: { at: number; kind?: string; body: string; summary?: string | null; actor?: string | null; inReport?: boolean },
): string {
  const id = `e${++seq}`;
  const kind = e.kind ?? 'note';
  const inReport = e.inReport === false ? 0 : 1;
  // A note kind is a note (its own timeline entry); anything else is a system happening.
  if ((noteKinds as readonly string[]).includes(kind)) {
    core.db
      .prepare(
        `INSERT INTO notes (id, incident_id, kind, body, author, created_at, summary, in_report)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, incidentId, kind, e.body, e.actor ?? 'Commander', e.at, e.summary ?? null, inReport);
  } else {
    core.db
      .prepare(
        `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, actor, summary, in_report, recorded_at)
         VALUES (?, ?, ?, 'system', ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, incidentId, e.at, kind, e.body, e.actor ?? null, e.summary ?? null, inReport, e.at);
  }
  return id;
}

export const getReport = (core: Core, incidentId: string) =>
  must<ReportView>(core.invoke('report.get', { incidentId }));
export const updateReport = (core: Core, incidentId: string, patch: Record<string, unknown>) =>
  must<ReportView>(core.invoke('report.update', { incidentId, patch }));
