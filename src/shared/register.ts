// The outage register: one row per incident with figures computed from its record, and a per-month summary.
import type { IncidentStatus } from './domain';
import type { ReportStatus } from './report';

export interface RegisterRow {
  incidentId: string;
  title: string;
  /** The hub (or cluster) the incident was declared on, where known. */
  hub: string | null;
  /** The clusters of the incident's scope (its cluster, or those of the hubs affected), sorted. */
  clusters: string[];
  /** The runbook the incident was declared with. */
  runbookId: string;
  status: IncidentStatus;
  declaredAt: string;
  /** From the report when it has them, else the incident's own impact start; ISO-8601 UTC. */
  impactStart: string;
  impactEnd: string | null;
  durationMs: number | null;
  /** The PagerDuty priority seen on the record (P1…P5), where known. */
  severity: string | null;
  /** Impact start → the first public reply on the ticket (Freshdesk), where there was one. */
  timeToFirstReplyMs: number | null;
  /**
   * Declaration → the last of: PagerDuty incident open, acknowledged, Slack channel there, community told (a public
   * reply or a ticket opened). Null while any of them is missing from the record.
   */
  timeToOfficialStartMs: number | null;
  /** Impact start → the incident marked resolved. */
  timeToResolveMs: number | null;
  reportStatus: ReportStatus | null;
  /** Days since the report draft was last changed (null without a draft). */
  reportAgeDays: number | null;
  /**
   * Action items: all, those with a GitHub issue, and of those the ones whose issue is open / closed (as last
   * read).
   */
  actionItems: { total: number; withIssue: number; open: number; closed: number };
  /** For each figure computed from timeline entries, the ids of those entries (its evidence). */
  evidence: RegisterEvidence;
}

export type RegisterFigure = 'severity' | 'firstReply' | 'officialStart' | 'resolve';
export type RegisterEvidence = Partial<Record<RegisterFigure, string[]>>;

export interface RegisterMonth {
  /** 'YYYY-MM' of the impact start (UTC). */
  month: string;
  count: number;
  p1: number;
  medianDurationMs: number | null;
  medianFirstReplyMs: number | null;
}

export interface Register {
  rows: RegisterRow[];
  months: RegisterMonth[];
}

export interface RegisterCsv {
  fileName: string;
  csv: string;
}
