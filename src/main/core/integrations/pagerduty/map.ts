// PagerDuty records → Conn shapes (imported timeline entries, people, incident summaries).
import type { ImportedEntry, VendorPerson } from '../types';
import type { PdIncident, PdLogEntry, PdNote, PdUser } from './schemas';

const iso = (s: string): string => new Date(s).toISOString();

export function logEntryToEntry(e: PdLogEntry): ImportedEntry {
  const kind = e.type.replace(/_log_entry$/, '').replace(/_reference$/, '');
  const body = [e.summary ?? kind, e.note ? `— ${e.note}` : ''].filter(Boolean).join(' ');
  return {
    source: 'pagerduty',
    vendorRef: `log:${e.id}`,
    at: iso(e.created_at),
    kind: `log.${kind}`,
    body,
    actor: e.agent?.summary ?? null,
    url: e.html_url ?? null,
  };
}

export function noteToEntry(n: PdNote): ImportedEntry {
  return {
    source: 'pagerduty',
    vendorRef: `note:${n.id}`,
    at: iso(n.created_at),
    kind: 'note',
    body: n.content,
    actor: n.user?.summary ?? null,
    url: null,
  };
}

export const userToPerson = (u: PdUser): VendorPerson => ({ id: u.id, name: u.name, email: u.email });

export interface PdIncidentSummary {
  id: string;
  number: number | null;
  title: string;
  status: PdIncident['status'];
  url: string;
  incidentKey: string | null;
  assigneeIds: string[];
  createdAt: string;
  resolvedAt: string | null;
}

export const incidentSummary = (i: PdIncident): PdIncidentSummary => ({
  id: i.id,
  number: i.incident_number ?? null,
  title: i.title,
  status: i.status,
  url: i.html_url,
  incidentKey: i.incident_key ?? null,
  assigneeIds: i.assignments.map((a) => a.assignee.id),
  createdAt: iso(i.created_at),
  resolvedAt: i.resolved_at ? iso(i.resolved_at) : null,
});
