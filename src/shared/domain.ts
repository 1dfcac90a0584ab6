// Domain types that cross the boundary between the core and the renderer.

export const incidentStatuses = [
  'declared',
  'active',
  'mitigated',
  'resolved',
  'report_in_review',
  'closed',
] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export interface Incident {
  id: string;
  title: string;
  hub: string | null;
  ticketUrl: string | null;
  status: IncidentStatus;
  declaredAt: string; // ISO-8601 UTC
  updatedAt: string;
}

export const timelineSources = ['note', 'checklist', 'role', 'status', 'outbox', 'slack', 'pagerduty', 'freshdesk', 'system'] as const;
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
