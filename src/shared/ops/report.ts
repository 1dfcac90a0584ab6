// Report operations: the draft, its header and sections, action items, review status, export, report debt.
import { z } from 'zod';
import type { OutboxJob } from '../outbox';
import type { ReportPublication } from '../publish';
import {
  exportFormats,
  githubIssueUrl,
  reportStatuses,
  type ExportResult,
  type FactCheck,
  type IssueText,
  type IssuesQueued,
  type ReportChanged,
  type ReportDebtItem,
  type ReportTimelinePage,
  type ReportView,
  type StatusChange,
} from '../report';
import { githubRepo } from '../integrations';
import { id, label, storableText } from '../text';
import { isValidTimeZone } from '../zonedTime';
import { event, op } from './define';
import { cursor } from './notes';

const instant = (name: string) =>
  storableText(40, name).refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    {
      message: `${name} must be an ISO-8601 time with a zone, e.g. 2026-11-26T14:05:00Z`,
    },
  );
const section = (name: string) => storableText(50_000, name).nullable();
const shortText = (max: number, name: string) => storableText(max, name).transform((s) => s.trim());
const version = z.number().int().min(1).optional();
/** An item's own repository for its issue: `owner/name`; blank means the GitHub connection's default. */
const itemRepo = z
  .union([githubRepo, z.literal('')])
  .nullable()
  .transform((s) => (s ? s : null));

export const reportOps = {
  'report.get': op<ReportView>()(
    'The incident report draft (created on first read), with computed duration, timeline and proposals.',
    z.strictObject({ incidentId: id }),
  ),
  'report.timeline': op<ReportTimelinePage>()(
    'A page of the report’s timeline (entries marked for the report, oldest first). report.get carries the first ' +
      'page; pass a line’s cursor as after (or before) for the next.',
    z.strictObject({
      incidentId: id,
      before: cursor.optional(),
      after: cursor.optional(),
      limit: z.number().int().min(1).max(500).optional().default(200),
    }),
  ),
  'report.update': op<ReportView>()(
    'Change header fields or section texts. A section set to null goes back to unwritten (showing any proposal).',
    z.strictObject({
      incidentId: id,
      expectedVersion: version,
      patch: z.strictObject({
        title: label(200, 'title').optional(),
        owner: shortText(200, 'owner').optional(),
        impactStart: instant('impactStart').optional(),
        impactEnd: instant('impactEnd').nullable().optional(),
        timezone: storableText(64, 'timezone')
          .refine(isValidTimeZone, { message: 'timezone must be an IANA name such as UTC or Europe/Berlin' })
          .optional(),
        overview: section('overview').optional(),
        whatHappened: section('whatHappened').optional(),
        resolution: section('resolution').optional(),
        lucky: section('lucky').optional(),
        wentWell: section('wentWell').optional(),
        wentBadly: section('wentBadly').optional(),
      }),
    }),
  ),
  'report.setStatus': op<StatusChange>()(
    'Move the report Draft → Reviewed → Closed, or back to Draft. Reviewed is refused (precondition_failed, the ' +
      'findings in details) while the fact check has open findings, unless override.reason says why; the override is ' +
      'recorded on the timeline. Returns warnings; they never block.',
    z.strictObject({
      incidentId: id,
      status: z.enum(reportStatuses),
      expectedVersion: version,
      override: z.strictObject({ reason: label(1000, 'reason') }).optional(),
    }),
  ),
  'report.check': op<FactCheck>()(
    'Fact-check the report against the record: empty sections, times matching no entry within 2 minutes (nearest ' +
      'entries offered), impact start/end the record contradicts, hubs/tickets/PRs/issues the record never saw, ' +
      'action items without an issue, blaming language.',
    z.strictObject({ incidentId: id }),
  ),
  'report.addActionItem': op<ReportView>()(
    'Add an action item: what needs to happen, definition of done, owner, GitHub issue URL.',
    z.strictObject({
      incidentId: id,
      what: label(500, 'what'),
      doneWhen: shortText(2000, 'doneWhen').optional(),
      owner: shortText(200, 'owner').optional(),
      issueUrl: githubIssueUrl.optional(),
      repo: itemRepo.optional(),
    }),
  ),
  'report.updateActionItem': op<ReportView>()(
    'Change an action item.',
    z.strictObject({
      incidentId: id,
      itemId: id,
      patch: z.strictObject({
        what: label(500, 'what').optional(),
        doneWhen: shortText(2000, 'doneWhen').optional(),
        owner: shortText(200, 'owner').optional(),
        issueUrl: githubIssueUrl.optional(),
        repo: itemRepo.optional(),
      }),
    }),
  ),
  'report.removeActionItem': op<ReportView>()(
    'Remove an action item from the report.',
    z.strictObject({ incidentId: id, itemId: id }),
  ),
  'report.issueText': op<IssueText>()(
    'The title and body of a GitHub issue for an action item ("Incident Action Item"), ready to paste.',
    z.strictObject({ incidentId: id, itemId: id }),
  ),
  'report.createIssues': op<IssuesQueued>()(
    'Open GitHub issues for action items through the outbox (each exactly once): the given items, or every item ' +
      'without an issue. Items that have one, or whose request is still on its way or may have arrived, are skipped ' +
      '(for a single item: refused, conflict). Needs the GitHub connection.',
    z.strictObject({ incidentId: id, itemIds: z.array(id).min(1).max(200).optional() }),
  ),
  'report.refreshIssues': op<ReportView>()(
    "Read the state (open or closed) of the report's action-item issues from GitHub now, with ETags (unchanged " +
      'issues cost nothing). Conn also does this every 10 minutes while the incident is open.',
    z.strictObject({ incidentId: id }),
  ),
  'report.export': op<ExportResult>()(
    'Write the report as Markdown, HTML or PDF. The desktop app asks where with its save dialog; the web shell ' +
      'writes only into the data folder’s reports/ (fileName: a name, no folders) and answers a `download` path. An ' +
      'existing file is replaced only with overwrite: true.',
    z.strictObject({
      incidentId: id,
      format: z.enum(exportFormats),
      fileName: storableText(200, 'fileName').optional(),
      overwrite: z.boolean().optional(),
    }),
  ),
  'report.publish': op<{ job: OutboxJob; publication: ReportPublication }>()(
    'Publish the report by pull request: exports the PDF and Markdown and queues one job that commits them to ' +
      '`<reports folder><file>` on the branch `conn/<incident>` of the GitHub reports repository and opens its pull ' +
      'request (publishing again updates the same branch and pull request). Without a GitHub connection it answers ' +
      'precondition_failed (reason not_connected): export the report instead. While a publish is pending it answers ' +
      'conflict (reason pending); once one was sent, conflict (reason already_sent) unless `again: true`.',
    z.strictObject({
      incidentId: id,
      again: z.boolean().optional().describe('Publish the edits since the last publish (same branch and PR)'),
    }),
  ),
  'report.publication': op<ReportPublication>()(
    'Whether and where the report is published: not published, publishing, pull request open (with its link), ' +
      'merged (published), or failed (with the reason).',
    z.strictObject({ incidentId: id }),
  ),
  'report.showExport': op<{ shown: boolean }>()(
    'Desktop app: show a file this run of Conn exported in the system file manager (only such files). The web shell ' +
      'answers precondition_failed: its exports are downloads.',
    z.strictObject({ path: storableText(4096, 'path') }),
  ),
  'report.debt': op<ReportDebtItem[]>()(
    'Resolved incidents whose report is not Closed yet.',
    z.strictObject({}).optional().default({}),
  ),
};

export const reportEvents = {
  'report.changed': event<ReportChanged>(),
};
