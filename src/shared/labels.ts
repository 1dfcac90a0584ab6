// Human labels for vendors, outbox job kinds and timeline kinds: the one table the core's messages and the UI
// read, so a vendor's name or a job's wording is written once (it was spelled out in seven places).
import { noteKindLabels, noteKinds, type NoteKind } from './notes';
import type { JobKind, Vendor } from './outbox';
import type { TimelineSource } from './domain';

export const vendorLabels: Record<Vendor, string> = { slack: 'Slack', pagerduty: 'PagerDuty', freshdesk: 'Freshdesk' };
export const vendorLabel = (v: Vendor): string => vendorLabels[v];

/** What each job does, as a sentence fragment ("Create the Slack channel"). Every kind must have one. */
export const jobKindLabels: Record<JobKind, string> = {
  'slack.createChannel': 'Create the Slack channel',
  'slack.postMessage': 'Post in the Slack channel',
  'pagerduty.createIncident': 'Trigger the PagerDuty incident',
  'pagerduty.addNote': 'Add a PagerDuty note',
  'pagerduty.acknowledge': 'Acknowledge the PagerDuty incident',
  'pagerduty.reassign': 'Reassign the PagerDuty incident',
  'pagerduty.statusUpdate': 'Post a PagerDuty status update',
  'pagerduty.resolve': 'Resolve the PagerDuty incident',
  'freshdesk.reply': 'Reply on the Freshdesk ticket',
  'freshdesk.addNote': 'Add a Freshdesk note',
  'freshdesk.updateTicket': 'Update the Freshdesk ticket',
};
export const jobKindLabel = (k: JobKind): string => jobKindLabels[k];

export const timelineSourceLabels: Record<TimelineSource, string> = {
  note: 'Note',
  checklist: 'Checklist',
  role: 'Role',
  status: 'Status',
  outbox: 'Outbox',
  slack: vendorLabels.slack,
  pagerduty: vendorLabels.pagerduty,
  freshdesk: vendorLabels.freshdesk,
  system: 'Conn',
};

/** Kinds Conn writes itself (note kinds come from noteKindLabels); imported kinds read as words. */
const timelineKindLabels: Record<string, string> = {
  declared: 'Declared',
  classified: 'Classified',
  status_changed: 'Status changed',
  reopened: 'Reopened',
  cadence_changed: 'Update cadence changed',
  status_update: 'Status update',
  handoff: 'Handoff',
  step_started: 'Step started',
  step_done: 'Step done',
  step_skipped: 'Step skipped',
  step_blocked: 'Step blocked',
  step_reopened: 'Step reopened',
  message: 'Message',
  reply: 'Reply',
};

const isNoteKind = (k: string): k is NoteKind => (noteKinds as readonly string[]).includes(k);

/** A timeline entry's kind for people: 'step_done' → 'Step done', PagerDuty's 'log.acknowledge_log_entry' → 'Acknowledge'. */
export function timelineKindLabel(kind: string): string {
  if (isNoteKind(kind)) return noteKindLabels[kind];
  const known = timelineKindLabels[kind];
  if (known) return known;
  const words = kind
    .replace(/^(log|message)\./, '')
    .replace(/_log_entry$/, '')
    .replace(/[._]+/g, ' ')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : kind;
}
