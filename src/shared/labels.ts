// Human words for Conn's identifiers: outbox job kinds, timeline kinds and vendors. The UI and every report
// export read them from here, so no raw "freshdesk.reply" or "role_assigned" reaches a screen or a report.
import type { JobKind, Vendor } from './outbox';

export const vendorLabels: Record<Vendor, string> = {
  slack: 'Slack',
  pagerduty: 'PagerDuty',
  freshdesk: 'Freshdesk',
  github: 'GitHub',
};

const jobKindLabels: Record<JobKind, string> = {
  'slack.createChannel': 'Create the Slack channel',
  'slack.postMessage': 'Post to Slack',
  'pagerduty.createIncident': 'Open the PagerDuty incident',
  'pagerduty.addNote': 'Add a PagerDuty note',
  'pagerduty.acknowledge': 'Acknowledge in PagerDuty',
  'pagerduty.reassign': 'Reassign in PagerDuty',
  'pagerduty.statusUpdate': 'PagerDuty status update',
  'pagerduty.resolve': 'Resolve in PagerDuty',
  'freshdesk.reply': 'Reply on the ticket',
  'freshdesk.addNote': 'Private note on the ticket',
  'freshdesk.updateTicket': 'Update the ticket',
  'freshdesk.createTicket': 'Open a ticket for a community',
  'github.createIssue': 'Open a GitHub issue for an action item',
  'github.publishReport': 'Publish the report by pull request',
};

const timelineKindLabels: Record<string, string> = {
  // Conn's own entries
  declared: 'Declared',
  classified: 'Classified',
  status_changed: 'Status changed',
  status_auto: 'Status (automatic)',
  impact_end: 'Impact end',
  reopened: 'Reopened',
  step_started: 'Step started',
  step_done: 'Step done',
  step_skipped: 'Step skipped',
  step_blocked: 'Step blocked',
  step_reopened: 'Step reopened',
  action_queued: 'Action queued',
  role_assigned: 'Role assigned',
  role_removed: 'Role removed',
  status_update: 'Status update',
  handoff: 'Handoff',
  cadence_changed: 'Update cadence',
  report_debt: 'Report due',
  // notes
  note: 'Note',
  finding: 'Finding',
  action: 'Action taken',
  decision: 'Decision',
  command: 'Command',
  status: 'Status',
  // imported from the vendors
  message: 'Slack message',
  reply: 'Thread reply',
  'ticket.opened': 'Ticket opened',
  'conversation.incoming': 'Message from the community',
  'conversation.reply': 'Reply on the ticket',
  'conversation.note': 'Private ticket note',
  'pull.opened': 'Pull request opened',
  'pull.merged': 'Pull request merged',
  'pull.closed': 'Pull request closed',
  'issue.opened': 'Issue opened',
  'issue.closed': 'Issue closed',
};

/** Words for an identifier we have no label for: "log.trigger_log_entry" → "Trigger log entry". */
function humanise(id: string): string {
  const last = id.includes('.') ? id.slice(id.lastIndexOf('.') + 1) : id;
  const words = last
    .replace(/_log_entry$/, '')
    .replace(/[_.-]+/g, ' ')
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : id;
}

export const vendorLabel = (v: Vendor | string): string => vendorLabels[v as Vendor] ?? humanise(v);

export const jobKindLabel = (kind: JobKind | string): string => jobKindLabels[kind as JobKind] ?? humanise(kind);

export function timelineKindLabel(kind: string): string {
  const known = timelineKindLabels[kind];
  if (known) return known;
  if (kind.startsWith('log.')) return `PagerDuty: ${humanise(kind).toLowerCase()}`;
  if (kind.startsWith('message.')) return `Slack: ${humanise(kind).toLowerCase()}`;
  return humanise(kind);
}

const sourceLabels: Record<string, string> = {
  note: 'Note',
  checklist: 'Checklist',
  role: 'Roles',
  status: 'Status',
  outbox: 'Outbox',
  system: 'Conn',
};

/** Where a timeline entry came from, in words (vendors by their names). */
export const sourceLabel = (source: string): string => sourceLabels[source] ?? vendorLabel(source);
