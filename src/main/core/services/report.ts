// Use cases for the incident report: the draft (created on first read), edits with optimistic
// versions, review status with warnings, action items, GitHub issue text, export and report debt.
import { basename, isAbsolute, join } from 'node:path';
import type { OpParsed } from '../../../shared/contract';
import type { Incident } from '../../../shared/domain';
import type { TimelineEntry } from '../../../shared/domain';
import type {
  ActionItem,
  ExportResult,
  IssueRequest,
  IssuesQueued,
  FactCheck,
  Finding,
  IssueText,
  ReportDebtItem,
  ReportStatus,
  ReportView,
  StatusChange,
} from '../../../shared/report';
import {
  ACTION_ITEM_DEBT_DAYS,
  REPORT_TIMELINE_PAGE,
  reportStatusLabels,
  type ReportTimelinePage,
} from '../../../shared/report';
import { AppError } from '../../../shared/result';
import { rerunRefusal, type OutboxJob } from '../../../shared/outbox';
import { z } from 'zod';
import { outboxRepo } from '../db/repos/outbox';
import { refuseRerun } from './rerun';
import { formatZoned } from '../../../shared/zonedTime';
import { incidentsRepo } from '../db/repos/incidents';
import {
  reportRepo,
  sectionColumns,
  type DebtRow,
  type DraftPatch,
  type DraftRow,
  type ReportTimelineRow,
} from '../db/repos/report';
import { parseEntryCursor } from '../db/repos/timelineQuery';
import { keysetPage, type KeysetRequest, type KeysetSource } from '../domain/keysetPage';
import { timelineRepo } from '../db/repos/timeline';
import { timelineQueryRepo } from '../db/repos/timelineQuery';
import type { PdfPrinter } from '../ports';
import { assembleReport, timelineLines } from '../report/assemble';
import { digestCache } from '../report/digestCache';
import { factCheck } from '../report/factCheck';
import { markAccepted } from '../report/propose';
import { reportMarkdown } from '../report/markdown';
import { defaultOwner, defaultTimezone, publishBaseUrl, reportTimelineEntries, rosterNames } from '../report/sources';
import { writeAtomically } from '../report/write';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';

/** The desktop app's save dialog: the file the user chose (it confirmed any replacement), or null if cancelled. */
export type ChooseExportFile = (suggested: { defaultName: string; extension: string }) => Promise<string | null>;

/** The desktop app's "show in folder" (Electron's shell.showItemInFolder). */
export type RevealFile = (path: string) => void;

export interface ReportDeps extends ServiceDeps {
  dataDir: string;
  /** The GitHub connection's default repository for action-item issues; null when GitHub is not connected. */
  githubRepo?: () => string | null;
  /** Desktop only. Without it (the web shell), exports go to the data folder's reports/ and are downloaded. */
  chooseExportFile?: ChooseExportFile;
  /** Desktop: prints the HTML export with Electron. Absent in the web shell, where pdfkit draws the PDF. */
  pdfPrinter?: PdfPrinter;
  /** Desktop only: shows an exported file in the system file manager. */
  revealFile?: RevealFile;
}

const nextStatuses: Record<ReportStatus, readonly ReportStatus[]> = {
  draft: ['reviewed'],
  reviewed: ['closed', 'draft'],
  closed: ['draft', 'reviewed'],
};

const extensions = { markdown: 'md', html: 'html', pdf: 'pdf' } as const;

/** A file name safe in any folder: no separators, no leading dot, no control or reserved characters. */
export function safeFileName(wanted: string, ext: string): string {
  const base = wanted
    .normalize('NFC')
    .replace(new RegExp(`\\.${ext}$`, 'i'), '')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${base || 'report'}.${ext}`;
}

/** What a sent `github.createIssue` job answered (outbox/vendors/github.ts). */
const createdIssue = z.object({ url: z.string(), number: z.number().int(), state: z.string() });

export function reportService({
  db,
  clock,
  ids,
  bus,
  dataDir,
  pdfPrinter,
  chooseExportFile,
  revealFile,
  githubRepo = () => null,
}: ReportDeps) {
  const repo = reportRepo(db);
  const outbox = outboxRepo(db);
  /** Files this run exported: the only ones showExport may reveal (a caller cannot probe the disk with it). */
  const exportedPaths = new Set<string>();
  const incidents = incidentsRepo(db);
  /** The proposals' digest of each incident read lately, brought up to date on each read. */
  const digests = digestCache(db);

  const incidentOf = (incidentId: string): Incident => {
    const found = incidents.get(incidentId);
    if (!found) throw new AppError('not_found', `No incident with id ${incidentId}`);
    return found;
  };

  const draftOf = (incident: Incident): DraftRow => {
    repo.ensure({
      incidentId: incident.id,
      owner: defaultOwner(db, incident.id),
      // The incident's own impact start (a past incident built from PagerDuty began long before it was declared here).
      impactStart: Date.parse(incident.impactStartAt || incident.declaredAt),
      timezone: defaultTimezone(db),
      at: clock.now(),
    });
    const draft = repo.draft(incident.id);
    if (!draft) throw new AppError('internal', 'report draft vanished after insert');
    return draft;
  };

  /**
   * The report as it reads now. `full` (exports, the fact check) carries the whole timeline; otherwise the view
   * carries its first page and a count (report.timeline pages on), so a 10,000-note incident is not formatted,
   * checked and sent whole on every read. Proposals read a digest (report/digestCache.ts): the entries appended since
   * the last read, or bounded queries, never every entry.
   */
  /** Each item's `github.createIssue` jobs, oldest first. */
  const issueJobsOf = (incidentId: string): Map<string, OutboxJob[]> => {
    const byItem = new Map<string, OutboxJob[]>();
    for (const j of outbox.forIncidentKind(incidentId, 'github.createIssue'))
      if (j.refId) byItem.set(j.refId, [...(byItem.get(j.refId) ?? []), j]);
    return byItem;
  };

  /** The unsettled request of each item that has one (the newest job decides). */
  const issueRequestsOf = (incidentId: string): Map<string, IssueRequest> => {
    const out = new Map<string, IssueRequest>();
    for (const [itemId, jobs] of issueJobsOf(incidentId)) {
      const states = jobs.map((j) => j.state);
      const refusal = rerunRefusal(states, true);
      if (refusal === 'pending' || refusal === 'unsettled') out.set(itemId, refusal);
      else if (jobs.at(-1)?.state === 'dead') out.set(itemId, 'failed');
    }
    return out;
  };

  const viewOf = (incident: Incident, draft: DraftRow, full = false): ReportView => {
    const common = {
      incident,
      draft,
      items: repo.items(incident.id),
      publishBaseUrl: publishBaseUrl(db),
      issueRequests: issueRequestsOf(incident.id),
      githubRepo: githubRepo(),
    };
    if (full)
      return assembleReport({
        ...common,
        roster: rosterNames(db, incident.id),
        entries: reportTimelineEntries(db, incident.id),
        record: repo.record(incident.id),
      });
    const rows = repo.timelineFirst(incident.id, REPORT_TIMELINE_PAGE + 1);
    const { digest, actors } = digests.read(incident.id);
    return assembleReport({
      ...common,
      roster: rosterNames(db, incident.id, actors),
      entries: [],
      digest,
      page: {
        rows: rows.slice(0, REPORT_TIMELINE_PAGE),
        total: digest.total,
        hasAfter: rows.length > REPORT_TIMELINE_PAGE,
      },
      cited: (ids) => repo.entriesById(incident.id, ids),
    });
  };

  /** The PDF export: printed by Electron on the desktop (exactly like the HTML), drawn by pdfkit elsewhere. */
  const pdfOf = async (view: ReportView): Promise<Buffer> => {
    if (pdfPrinter) {
      const html = (await import('../report/html')).reportHtml(view);
      try {
        return await pdfPrinter(html);
      } catch (err) {
        throw new AppError(
          'unavailable',
          `Could not print the PDF (${err instanceof Error ? err.message : String(err)}). The draft is unchanged; ` +
            `HTML export still works.`,
        );
      }
    }
    // No browser to print with (the web shell): pdfkit draws the same layout from the report itself.
    try {
      return await (await import('../report/pdf')).reportPdf(view);
    } catch (err) {
      throw new AppError(
        'internal',
        `Could not draw the PDF (${err instanceof Error ? err.message : String(err)}). The draft is unchanged; ` +
          `HTML export still works.`,
      );
    }
  };

  const findingsOf = (incident: Incident, view: ReportView): Finding[] =>
    factCheck({
      view,
      record: repo.record(incident.id),
      roster: rosterNames(db, incident.id),
      knownHubs: repo.knownHubs(),
      ticketUrl: incident.ticketUrl,
    });

  const readTx = db.transaction((incidentId: string, full: boolean) => {
    const incident = incidentOf(incidentId);
    return viewOf(incident, draftOf(incident), full);
  });

  /** Runs a change in one transaction (draft created if needed, version checked and bumped). */
  const change = (
    incidentId: string,
    expectedVersion: number | undefined,
    apply: (draft: DraftRow, at: number) => void,
  ): ReportView => {
    const view = db
      .transaction(() => {
        const incident = incidentOf(incidentId);
        const before = draftOf(incident);
        if (expectedVersion !== undefined && before.version !== expectedVersion) {
          throw new AppError(
            'conflict',
            `The report was changed elsewhere (you had version ${expectedVersion}, it is now ${before.version}). ` +
              `Reload it; your text is still in the editor.`,
          );
        }
        apply(before, clock.now());
        const after = repo.draft(incidentId);
        if (!after) throw new AppError('internal', 'report draft vanished');
        return viewOf(incident, after);
      })
      .immediate();
    bus.emit('report.changed', { incidentId, version: view.version, status: view.header.status });
    return view;
  };

  const itemOf = (incidentId: string, itemId: string) => {
    const item = repo.item(incidentId, itemId);
    if (!item) throw new AppError('not_found', `No action item ${itemId} in this report`);
    return item;
  };

  return {
    get: (incidentId: string): ReportView => readTx.immediate(incidentId, false),
    /** Drops report digests idle since before `now - DIGEST_IDLE_MS` (a timer does this; tests call it). */
    expireIdleDigests: (now?: number): void => digests.expire(now),

    /** A page of the report's timeline after or before a line's cursor (report.get carries the first page). */
    timeline({ incidentId, before, after, limit }: OpParsed<'report.timeline'>): ReportTimelinePage {
      const incident = incidentOf(incidentId);
      const tz = repo.draft(incidentId)?.timezone ?? defaultTimezone(db);
      const position = (c: string) => {
        const p = parseEntryCursor(c);
        if (!p) throw new AppError('invalid_input', 'That cursor does not belong to a report timeline.');
        return p;
      };
      const source: KeysetSource<ReportTimelineRow> = {
        before: (p, n) => repo.timelineBefore(incident.id, p, n),
        after: (p, n) => repo.timelineAfter(incident.id, p, n),
        end: (n) => repo.timelineFirst(incident.id, n),
      };
      let req: KeysetRequest<ReportTimelineRow> = {};
      if (before) req = { before: position(before) };
      else if (after) req = { after: position(after) };
      const page = keysetPage(source, req, limit, 'oldest');
      return { items: timelineLines(page.rows, tz), hasBefore: page.hasBefore, hasAfter: page.hasAfter };
    },

    update({ incidentId, expectedVersion, patch }: OpParsed<'report.update'>): ReportView {
      return change(incidentId, expectedVersion, (draft, at) => {
        const shown = viewOf(incidentOf(incidentId), draft);
        const p: DraftPatch = {};
        if (patch.title !== undefined) p.title = patch.title;
        if (patch.owner !== undefined) p.owner = patch.owner;
        if (patch.timezone !== undefined) p.timezone = patch.timezone;
        if (patch.impactStart !== undefined) p.impact_start = Date.parse(patch.impactStart);
        if (patch.impactEnd !== undefined) p.impact_end = patch.impactEnd === null ? null : Date.parse(patch.impactEnd);
        for (const [key, column] of Object.entries(sectionColumns) as Array<
          [keyof typeof sectionColumns, keyof DraftPatch]
        >) {
          const value = patch[key];
          if (value === undefined) continue;
          // Saving exactly what Conn proposed (or what an untouched accepted proposal shows now) accepts it: it keeps
          // following the record until someone changes a word.
          const section = shown.sections.find((s) => s.key === key);
          const accepting =
            value !== null &&
            section?.kind === 'text' &&
            (section.proposal === value || (section.following && section.body === value));
          (p as Record<string, string | null>)[column] = accepting ? markAccepted(value) : value;
        }
        const start = p.impact_start ?? draft.impact_start;
        const end = p.impact_end === undefined ? draft.impact_end : p.impact_end;
        if (end !== null && end < start) {
          throw new AppError('invalid_input', 'The impact end is before the impact start.', {
            fields: [{ path: 'patch.impactEnd', message: 'must not be before impactStart' }],
          });
        }
        repo.patch(incidentId, p, at);
      });
    },

    /** The fact checker's findings on the report as it reads now. */
    check(incidentId: string): FactCheck {
      return db
        .transaction(() => {
          const incident = incidentOf(incidentId);
          const view = viewOf(incident, draftOf(incident), true);
          return { incidentId, version: view.version, findings: findingsOf(incident, view) };
        })
        .immediate();
    },

    setStatus({ incidentId, status, expectedVersion, override }: OpParsed<'report.setStatus'>): StatusChange {
      let overridden: TimelineEntry | null = null;
      const report = change(incidentId, expectedVersion, (draft, at) => {
        if (draft.status === status) return;
        if (!nextStatuses[draft.status].includes(status)) {
          throw new AppError(
            'conflict',
            `A ${reportStatusLabels[draft.status]} report cannot go straight to ${reportStatusLabels[status]}: mark ` +
              `it Reviewed first.`,
          );
        }
        const p: DraftPatch = { status };
        if (status === 'reviewed' && draft.status === 'draft') {
          const incident = incidentOf(incidentId);
          const view = viewOf(incident, draft, true);
          // What is reviewed is what the report shows now: accepted proposals stop following the record here.
          for (const s of view.sections) {
            if (s.kind === 'text' && s.following && s.body !== null)
              (p as Record<string, string>)[sectionColumns[s.key]] = markAccepted(s.body);
          }
          const findings = findingsOf(incident, view);
          if (findings.length > 0 && !override) {
            throw new AppError(
              'precondition_failed',
              `The fact check has ${findings.length} open finding${findings.length === 1 ? '' : 's'}: fix ` +
                `${findings.length === 1 ? 'it' : 'them'}, or override with a reason.`,
              { findings },
            );
          }
          if (findings.length > 0 && override) {
            const entry = timelineRepo(db).append({
              id: ids.next(),
              incidentId,
              at,
              source: 'system',
              kind: 'report_check_overridden',
              body:
                `Report marked Reviewed with ${findings.length} open fact-check ` +
                `finding${findings.length === 1 ? '' : 's'} overridden. Reason: ${override.reason}`,
              actor: whoAmI(db)?.name ?? null,
              recordedAt: at,
            });
            // Kept on the incident's record, not in the published report's timeline.
            timelineQueryRepo(db).setInReport(entry.id, false);
            overridden = { ...entry, inReport: false };
          }
        }
        repo.patch(incidentId, p, at);
      });
      if (overridden) bus.emit('timeline.appended', overridden);
      return { report, warnings: status === 'draft' ? [] : report.warnings };
    },

    addActionItem(input: OpParsed<'report.addActionItem'>): ReportView {
      return change(input.incidentId, undefined, (_d, at) => {
        repo.addItem({
          id: ids.next(),
          incidentId: input.incidentId,
          what: input.what,
          doneWhen: input.doneWhen ?? '',
          owner: input.owner ?? '',
          issueUrl: input.issueUrl ?? null,
          repo: input.repo ?? null,
          at,
        });
        repo.touch(input.incidentId, at);
      });
    },

    updateActionItem({ incidentId, itemId, patch }: OpParsed<'report.updateActionItem'>): ReportView {
      return change(incidentId, undefined, (_d, at) => {
        const item = itemOf(incidentId, itemId);
        repo.updateItem({
          id: itemId,
          incidentId,
          what: patch.what ?? item.what,
          doneWhen: patch.doneWhen ?? item.done_when,
          owner: patch.owner ?? item.owner,
          issueUrl: patch.issueUrl === undefined ? item.issue_url : patch.issueUrl,
          repo: patch.repo === undefined ? item.repo : patch.repo,
          at,
        });
        repo.touch(incidentId, at);
      });
    },

    removeActionItem({ incidentId, itemId }: OpParsed<'report.removeActionItem'>): ReportView {
      return change(incidentId, undefined, (_d, at) => {
        if (!repo.removeItem(incidentId, itemId))
          throw new AppError('not_found', `No action item ${itemId} in this report`);
        repo.touch(incidentId, at);
      });
    },

    issueText({ incidentId, itemId }: OpParsed<'report.issueText'>): IssueText {
      const view = readTx.immediate(incidentId, false);
      const item = view.actionItems.find((a) => a.id === itemId);
      if (!item) throw new AppError('not_found', `No action item ${itemId} in this report`);
      return issueTextOf(view, item);
    },

    /**
     * Queues a GitHub issue for each item (all of the report's when `itemIds` is absent). An item that has its issue,
     * or whose request is on its way or may have arrived, is left alone: the rerun rule, so a second press never
     * sends twice. Asked for one item, such a refusal is an error that says why.
     */
    createIssues({ incidentId, itemIds }: OpParsed<'report.createIssues'>): IssuesQueued {
      const defaultRepo = githubRepo();
      if (!defaultRepo)
        throw new AppError(
          'precondition_failed',
          'GitHub is not connected: add it under Connections, or copy the issue text into GitHub by hand.',
        );
      const queuedJobs: string[] = [];
      const result = db
        .transaction(() => {
          const incident = incidentOf(incidentId);
          const view = viewOf(incident, draftOf(incident));
          const wanted = itemIds ?? view.actionItems.map((a) => a.id);
          const jobsByItem = issueJobsOf(incidentId);
          const queued: string[] = [];
          const skipped: IssuesQueued['skipped'] = [];
          const at = clock.now();
          for (const itemId of wanted) {
            const item = view.actionItems.find((a) => a.id === itemId);
            if (!item) throw new AppError('not_found', `No action item ${itemId} in this report`);
            const jobs = jobsByItem.get(itemId) ?? [];
            const refusal = item.issueUrl
              ? 'has_issue'
              : rerunRefusal(
                  jobs.map((j) => j.state),
                  false,
                );
            if (refusal !== null) {
              if (wanted.length === 1 && itemIds) {
                if (refusal === 'has_issue' || refusal === 'already_sent')
                  throw new AppError('conflict', `“${item.what}” already has its GitHub issue.`, {
                    reason: 'already_sent',
                    issueUrl: item.issueUrl,
                  });
                refuseRerun(jobs, false, `The GitHub issue for “${item.what}”`, { itemId });
              }
              skipped.push({ itemId, reason: refusal === 'already_sent' ? 'has_issue' : refusal });
              continue;
            }
            const text = issueTextOf(view, item);
            const id = ids.next();
            outbox.enqueue({
              id,
              incidentId,
              kind: 'github.createIssue',
              payload: { actionItemId: itemId, repo: item.repo ?? defaultRepo, title: text.title, body: text.body },
              refType: 'action_item',
              refId: itemId,
              at,
            });
            queuedJobs.push(id);
            queued.push(itemId);
          }
          return { report: viewOf(incident, repo.draft(incidentId)!), queued, skipped };
        })
        .immediate();
      for (const id of queuedJobs) {
        const job = outbox.get(id);
        if (job) bus.emit('outbox.changed', job);
      }
      bus.emit('report.changed', { incidentId, version: result.report.version, status: result.report.header.status });
      return result;
    },

    /** A sent `github.createIssue` job: its issue becomes the item's (unless someone linked another meanwhile). */
    issueOpened(job: OutboxJob): void {
      if (job.kind !== 'github.createIssue' || job.state !== 'sent' || !job.incidentId || !job.refId) return;
      const r = createdIssue.safeParse(job.result);
      if (!r.success) return; // settled by hand ("it arrived"): the next poll or a hand link fills it in
      const changed = repo.setIssue({
        id: job.refId,
        url: r.data.url,
        number: r.data.number,
        state: r.data.state === 'closed' ? 'closed' : 'open',
        at: clock.now(),
      });
      if (changed) repo.touch(job.incidentId, clock.now()); // the report shows it: a new version to reload
      const draft = repo.draft(job.incidentId);
      if (changed && draft)
        bus.emit('report.changed', { incidentId: job.incidentId, version: draft.version, status: draft.status });
    },

    async export({ incidentId, format, fileName, overwrite }: OpParsed<'report.export'>): Promise<ExportResult> {
      const view = readTx.immediate(incidentId, true); // the whole timeline
      let data: string | Buffer;
      const ext: string = extensions[format];
      if (format === 'markdown') data = reportMarkdown(view);
      // React and the Markdown renderer load on the first HTML/PDF export, not when Conn starts.
      else if (format === 'html') data = (await import('../report/html')).reportHtml(view);
      else data = await pdfOf(view);
      const printed = true;
      const name = safeFileName(fileName ?? view.fileBase, ext);
      let target: string;
      let download: string | null = null;
      if (chooseExportFile) {
        // The desktop app writes only where the user chose in its dialog (which asked before replacing a file).
        const chosen = await chooseExportFile({ defaultName: name, extension: ext });
        if (chosen === null)
          return {
            format,
            path: null,
            fileName: null,
            download: null,
            bytes: 0,
            printed,
            message: 'Export cancelled; nothing was written.',
          };
        if (!isAbsolute(chosen)) throw new AppError('internal', 'the save dialog returned a relative path');
        target = chosen;
        overwrite = true;
      } else {
        // A caller of the web shell never picks a folder: only a name inside the data folder's reports/.
        target = join(dataDir, 'reports', name);
        download = `/api/reports/${encodeURIComponent(name)}`;
      }
      const bytes = writeAtomically(target, data, undefined, overwrite === true);
      exportedPaths.add(target);
      const message = download
        ? `Saved ${name} in Conn’s reports folder; your browser downloads it.`
        : `Saved ${target}.`;
      return { format, path: target, fileName: basename(target), download, bytes, printed, message };
    },

    /** The report as the exports write it (whole timeline): its Markdown and PDF, for publishing. */
    async rendered(incidentId: string): Promise<{ view: ReportView; markdown: string; pdf: Buffer }> {
      const view = readTx.immediate(incidentId, true);
      return { view, markdown: reportMarkdown(view), pdf: await pdfOf(view) };
    },

    showExport({ path }: OpParsed<'report.showExport'>): { shown: boolean } {
      if (!revealFile)
        throw new AppError(
          'precondition_failed',
          'This Conn cannot open folders: the file was downloaded by your browser.',
        );
      if (!exportedPaths.has(path))
        throw new AppError('forbidden', 'Conn shows only files it exported since it started.');
      revealFile(path);
      return { shown: true };
    },

    debt(): ReportDebtItem[] {
      const stale = new Map(
        repo.openActionItems(clock.now() - ACTION_ITEM_DEBT_DAYS * 86_400_000).map((r) => [r.id, r] as const),
      );
      const item = (r: DebtRow): ReportDebtItem => {
        const s = stale.get(r.id);
        return {
          incidentId: r.id,
          title: r.title,
          hub: r.hub,
          incidentStatus: r.status,
          reportStatus: r.report_status ?? 'draft',
          openActionItems: s ? { open: s.open, total: s.total } : null,
        };
      };
      const owed = repo.debt();
      const seen = new Set(owed.map((r) => r.id));
      // A closed report whose action items are still open a month on is debt too.
      return [...owed.map(item), ...[...stale.values()].filter((r) => !seen.has(r.id)).map(item)];
    },
  };
}
export type ReportService = ReturnType<typeof reportService>;

/** The GitHub issue of an action item: what, done when, owner, the incident and its summary, a link to the report. */
export function issueTextOf(view: ReportView, item: ActionItem): IssueText {
  const when = formatZoned(Date.parse(view.header.impactStart), view.header.timezone);
  const overview = view.sections.find((s) => s.kind === 'text' && s.key === 'overview');
  const summary = overview?.kind === 'text' ? (overview.body ?? overview.proposal ?? '').trim() : '';
  const body = [
    '### Incident Action Item',
    '',
    `**Incident report:** ${view.reportUrl}`,
    `**Incident:** ${view.header.title} (${when} ${view.header.timezone}${view.hub ? `, ${view.hub}` : ''})`,
    ...(summary ? ['', '#### What happened', '', summary.replace(/\[\^e:[^\]]+\]/g, '')] : []),
    '',
    '#### What needs to happen',
    '',
    item.what,
    '',
    '#### Definition of done',
    '',
    item.doneWhen || '_To be agreed._',
    ...(item.owner ? ['', `**Owner:** ${item.owner}`] : []),
    '',
  ].join('\n');
  return { title: `Incident action item: ${item.what}`.slice(0, 256), body };
}
