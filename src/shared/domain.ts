// Domain types that cross the boundary between the core and the renderer.

export const incidentStatuses = ['declared', 'active', 'mitigated', 'resolved', 'report_in_review', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export interface Incident {
  id: string;
  title: string;
  hub: string | null;
  ticketUrl: string | null;
  status: IncidentStatus;
  declaredAt: string; // ISO-8601 UTC
  updatedAt: string;
  /** The runbook the checklist was copied from at declaration. */
  runbookId: string;
  /** Best guess of when users were first affected (not when we heard). */
  impactStartAt: string;
  /** Answers to the runbook's "is this an incident?" questions, and the verdict they gave. */
  classification: { answers: Record<string, boolean>; verdict: 'incident' | 'support_ticket' } | null;
  /** Person id of the current Incident Commander (from the roles). */
  commanderId: string | null;
  /** The first checklist step not done or skipped. */
  nextStep: { id: string; title: string } | null;
  /** When each status was last entered; cleared again when the incident is reopened before it. */
  activeAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  reportInReviewAt: string | null;
  closedAt: string | null;
}

export const timelineSources = [
  'note',
  'checklist',
  'role',
  'status',
  'outbox',
  'slack',
  'pagerduty',
  'freshdesk',
  'github',
  'system',
] as const;
export type TimelineSource = (typeof timelineSources)[number];

export interface TimelineEntry {
  id: string;
  incidentId: string;
  /** When it happened (the vendor's original timestamp for imported entries). ISO-8601 UTC. */
  at: string;
  source: TimelineSource;
  kind: string;
  body: string;
  actor: string | null;
  refId: string | null;
  inReport: boolean;
  summary: string | null;
}
