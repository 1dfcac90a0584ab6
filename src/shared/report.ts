// The incident report's shape as both sides see it: sections in their fixed order, header, items, checks.
import { storableText } from './text';

export const reportStatuses = ['draft', 'reviewed', 'closed'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusLabels: Record<ReportStatus, string> = {
  draft: 'Draft',
  reviewed: 'Reviewed',
  closed: 'Closed',
};

/** Free-text sections, in report order (Action Items and Timeline are structured and come after). */
export const textSectionKeys = ['overview', 'whatHappened', 'resolution', 'lucky', 'wentWell', 'wentBadly'] as const;
export type TextSectionKey = (typeof textSectionKeys)[number];
export const sectionKeys = [...textSectionKeys, 'actionItems', 'timeline'] as const;
export type SectionKey = (typeof sectionKeys)[number];

export const sectionTitles: Record<SectionKey, string> = {
  overview: 'Overview',
  whatHappened: 'What Happened',
  resolution: 'Resolution',
  lucky: 'Where we got lucky',
  wentWell: 'What Went Well?',
  wentBadly: "What Didn't Go So Well?",
  actionItems: 'Action Items',
  timeline: 'Timeline',
};

/** Sections Conn drafts from the session; the draft stays a proposal until the author accepts or edits it. */
export const proposedSections: readonly TextSectionKey[] = ['overview', 'whatHappened', 'resolution'];

export const GITHUB_ISSUE_URL =
  /^https:\/\/github\.com\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}\/issues\/[1-9][0-9]{0,9}$/;
export const isGithubIssueUrl = (s: string) => GITHUB_ISSUE_URL.test(s);

/** An optional GitHub issue link: blank means none; anything else must be github.com/<owner>/<repo>/issues/<n>. */
export const githubIssueUrl = storableText(300, 'issueUrl')
  .transform((s) => s.trim())
  .refine((s) => s === '' || isGithubIssueUrl(s), {
    message: 'issueUrl must look like https://github.com/<owner>/<repo>/issues/<number>',
  })
  .transform((s) => (s === '' ? null : s));

export interface ReportHeader {
  title: string;
  owner: string;
  /** ISO-8601 UTC instants; shown in `timezone`. */
  impactStart: string;
  impactEnd: string | null;
  /** While the impact end is not set: when the incident was resolved, proposed as the end (accept or edit it). */
  impactEndProposal: string | null;
  timezone: string;
  /** Computed from impact start and end; null while the end is unknown. */
  duration: string | null;
  status: ReportStatus;
}

export interface ActionItem {
  id: string;
  what: string;
  doneWhen: string;
  owner: string;
  issueUrl: string | null;
  /** The repository (`owner/name`) its issue goes to, when the item names its own; else the GitHub default. */
  repo: string | null;
  /** The issue's state as last read from GitHub; null when it has no issue or it was not read yet. */
  issueState: IssueState | null;
  /** When the issue was closed (as GitHub said), ISO-8601. */
  issueClosedAt: string | null;
  /** When Conn last asked GitHub about the issue, ISO-8601. */
  issueCheckedAt: string | null;
  /**
   * Conn's request to open its issue, while it is not settled: `pending` (queued or being sent), `unsettled` (it
   * may have arrived: settle it in the outbox), `failed` (GitHub refused it: see the outbox). Null otherwise.
   */
  issueRequest: IssueRequest | null;
}

export const issueStates = ['open', 'closed'] as const;
export type IssueState = (typeof issueStates)[number];
export type IssueRequest = 'pending' | 'unsettled' | 'failed';
/** An issue's state in words (screens and exports). */
export const issueStateLabels: Record<IssueState, string> = { open: 'Open', closed: 'Closed' };

/** What report.createIssues did for each item it was asked about. */
export interface IssuesQueued {
  report: ReportView;
  /** Items whose issue was queued now. */
  queued: string[];
  /** Items left alone, with why: it has an issue, one is on its way, or it may have arrived. */
  skipped: Array<{ itemId: string; reason: 'has_issue' | 'pending' | 'unsettled' }>;
}

export interface ReportTimelineLine {
  entryId: string;
  at: string;
  /** 'YYYY-MM-DD HH:mm' in the report's timezone. */
  time: string;
  day: string;
  text: string;
  /** Where the line sits in the timeline's order, for report.timeline's before/after. */
  cursor: string;
}

/** A page of the report's timeline (report.timeline). */
export interface ReportTimelinePage {
  items: ReportTimelineLine[];
  hasBefore: boolean;
  hasAfter: boolean;
}

/** How many timeline lines report.get carries; the rest come page by page from report.timeline. */
export const REPORT_TIMELINE_PAGE = 200;

export type ReportSection =
  | {
      kind: 'text';
      key: TextSectionKey;
      title: string;
      body: string | null;
      proposal: string | null;
      /** The body is an accepted proposal nobody has changed: it follows the record while the report is a Draft. */
      following: boolean;
    }
  | { kind: 'actionItems'; key: 'actionItems'; title: string }
  | { kind: 'timeline'; key: 'timeline'; title: string };

export const warningCodes = [
  'empty_section',
  'unaccepted_proposal',
  'missing_issue_link',
  'missing_impact_end',
  'missing_owner',
  'thin_timeline',
  'blame',
] as const;
export type WarningCode = (typeof warningCodes)[number];

export interface ReportWarning {
  code: WarningCode;
  message: string;
  section?: SectionKey;
  itemId?: string;
  /** For blame: the sentence that was flagged, and a systemic way to say it. */
  excerpt?: string;
  suggestion?: string;
}

export interface ReportView {
  incidentId: string;
  version: number;
  header: ReportHeader;
  hub: string | null;
  sections: ReportSection[];
  actionItems: ActionItem[];
  /** The timeline's first page (oldest first); exports carry all of it. */
  timeline: ReportTimelineLine[];
  /** How many entries the report's timeline has in all, and whether more follow `timeline`. */
  timelineTotal: number;
  timelineHasAfter: boolean;
  /** Every entry the text sections cite (`[^e:<entryId>]`), in order of first citation; unknown ids are left out. */
  citations: ReportTimelineLine[];
  /** What moving to Reviewed would warn about now. */
  warnings: ReportWarning[];
  /** 'YYYY-MM-DD-<hub>-<slug>', the exported files' name without extension. */
  fileBase: string;
  /** Where the published report will live (linked from action items' GitHub issues). */
  reportUrl: string;
  /** Where action items' issues go by default, when GitHub is connected; null: not connected (copy the text). */
  githubRepo: string | null;
  updatedAt: string;
}

export interface StatusChange {
  report: ReportView;
  warnings: ReportWarning[];
}

export const exportFormats = ['markdown', 'html', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportResult {
  format: ExportFormat;
  /** The file written; null when the save dialog was cancelled. */
  path: string | null;
  /** Its name alone (what the confirmation shows); null when cancelled. */
  fileName: string | null;
  /** Web shell: where to GET the file (with the bearer token) to download it. Desktop: null. */
  download: string | null;
  bytes: number;
  /** Always true now that both shells make a real PDF (Electron prints it; the web shell draws it). Kept for callers.
   * */
  printed: boolean;
  message: string;
}

export interface IssueText {
  title: string;
  body: string;
}

export interface ReportDebtItem {
  incidentId: string;
  title: string;
  hub: string | null;
  incidentStatus: string;
  reportStatus: ReportStatus;
  /**
   * Action items whose GitHub issue is still open (as last read) 30 days or more after the impact began, of all the
   * report's items; null when none is (or it is not yet 30 days). A closed report with such items is debt too.
   */
  openActionItems: { open: number; total: number } | null;
}

/** After this long an action item's open issue counts as report debt. */
export const ACTION_ITEM_DEBT_DAYS = 30;

export interface ReportChanged {
  incidentId: string;
  version: number;
  status: ReportStatus;
}

/** What the fact checker can find; any open finding blocks Reviewed unless the commander overrides it with a reason. */
export const findingCodes = [
  'empty_section',
  'unmatched_time',
  'impact_contradiction',
  'unknown_reference',
  'missing_issue',
  'blame',
] as const;
export type FindingCode = (typeof findingCodes)[number];

/** Where a finding is, so the screen can take the writer there. */
export interface FindingPlace {
  section: SectionKey | 'header';
  itemId?: string;
  field?: 'impactStart' | 'impactEnd';
}

export interface NearEntry {
  entryId: string;
  /** 'YYYY-MM-DD HH:mm' in the report's timezone. */
  time: string;
  text: string;
}

export interface Finding {
  /** Stable while the finding stands (same text, same place): the screen keys on it. */
  id: string;
  code: FindingCode;
  message: string;
  place: FindingPlace;
  /** The words in the report the finding is about. */
  excerpt?: string;
  /** unmatched_time: the record entries nearest to the time written. impact_contradiction: the entry it contradicts. */
  nearest?: NearEntry[];
  suggestion?: string;
}

export interface FactCheck {
  incidentId: string;
  version: number;
  findings: Finding[];
}
