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
