// Handoff of command and take-over on another machine: draft the brief, send it (one outbox transaction),
// follow each part, and build a local session from the shared systems.
import { z } from 'zod';
import type { Incident, TimelineEntry } from '../domain';
import type { JobKind, JobState } from '../outbox';
import type { ChecksRun } from './checks';
import { id, storableText } from '../text';
import { event, op } from './define';
import { importSources, type SourceOutcome } from './recordImport';

export interface HandoffCandidate {
  personId: string;
  name: string;
  timeZone: string;
  /** "Tue 21:40" in their timezone. */
  localTime: string;
  outsideWorkingHours: boolean;
  hasPagerdutyUser: boolean;
  isCommander: boolean;
}

export interface HandoffDraft {
  incidentId: string;
  brief: string;
  fromPersonId: string | null;
  fromName: string | null;
  toPersonId: string | null;
  candidates: HandoffCandidate[];
  /** Plain-words cautions (e.g. the new commander is outside their working hours). */
  warnings: string[];
  /** Whether the community liaison duty moves with command (default: when the commander holds it). */
  liaisonMoves: boolean;
  pagerdutyConnected: boolean;
  /** Which parts a send would write, in order (labels). */
  parts: string[];
}

export interface HandoffPart {
  jobId: string;
  kind: JobKind;
  label: string;
  state: JobState;
  lastError: string | null;
}

export interface HandoffStatus {
  handoffId: string;
  incidentId: string;
  fromPersonId: string | null;
  toPersonId: string;
  toName: string;
  at: string;
  parts: HandoffPart[];
  /** Every part sent (or nothing to send). */
  complete: boolean;
  failed: number;
}

export interface HandoffSent extends HandoffStatus {
  entries: TimelineEntry[];
}

/** What taking over would bring. Nothing is written until takeover.confirm with its previewId. */
export interface TakeoverPreview {
  previewId: string;
  title: string;
  /** The local incident when this machine already has it (a re-import); null for a new one. */
  incident: Incident | null;
  /** True when this machine already had the incident (re-import). */
  existing: boolean;
  pagerduty: { id: string; url: string; title: string; status: string; service: string; assignees: string[] } | null;
  slackChannel: { id: string; name: string | null } | null;
  ticket: { id: number; url: string; subject: string } | null;
  /** The latest handoff brief found in PagerDuty notes or Slack, if any. */
  brief: string | null;
  /** Entries of the shared record (a note shared to both Slack and PagerDuty counted once). */
  record: { entries: number };
  /** Each source of the record (PagerDuty, Slack, Freshdesk): read or failed (with why); a retry reads only that
   * source. */
  sources: SourceOutcome[];
  warnings: string[];
}

export interface TakeoverDone {
  incident: Incident;
  existing: boolean;
  imported: { fetched: number; added: number };
  /** The vendor checks run at once (null when they could not run); confirmed steps are done on the checklist. */
  checks: ChecksRun | null;
}

const pdRef = z
  .string()
  .trim()
  .min(1, { message: 'pagerdutyIncident is required' })
  .max(300)
  .refine((s) => /^[A-Z0-9]{4,20}$/.test(s) || /^https?:\/\/\S+\/incidents\/[A-Z0-9]{4,20}\b/.test(s), {
    message: 'pagerdutyIncident must be a PagerDuty incident id like Q1ABCD2EFGH3IJ or its URL',
  });
const slackRef = z
  .string()
  .trim()
  .max(100)
  .refine((s) => /^#?[a-z0-9_-]{1,80}$/.test(s) || /^C[A-Z0-9]{6,}$/.test(s), {
    message: 'slackChannel must be a channel name like #inc-20261126-ocean or an id like C0123ABCD',
  });

export const handoffOps = {
  'handoff.draft': op<HandoffDraft>()(
    'Propose the handoff brief from the session (state, hypothesis, what was tried, open steps, people, next update, ' +
      "links) and the roster with each person's local time.",
    z.strictObject({ incidentId: id, toPersonId: id.optional(), liaisonMoves: z.boolean().optional() }),
  ),
  'handoff.send': op<HandoffSent>()(
    'Hand command to another person: reassign PagerDuty, post the brief to PagerDuty and Slack, move the ticket when ' +
      'the liaison duty moves, record it and change the roles, all in one transaction. Refused without confirmation.',
    z.strictObject({
      incidentId: id,
      toPersonId: id.optional(),
      brief: storableText(60_000, 'brief').refine((s) => s.trim().length > 0, { message: 'brief is required' }),
      confirmed: z.boolean(),
      liaisonMoves: z.boolean().optional(),
      /** The latest handoff went to the same person and was sent: send it once more only when true. */
      again: z.boolean().optional(),
    }),
  ),
  'handoff.status': op<HandoffStatus>()(
    'The state of each part of a handoff (by id, or the latest of an incident). Retry a failed part with outbox.retry.',
    z.union([z.strictObject({ handoffId: id }), z.strictObject({ incidentId: id })]),
  ),
  'takeover.import': op<TakeoverPreview>()(
    'Preview taking over from the shared systems (writes nothing): the PagerDuty incident (id or URL) or the Slack ' +
      'channel, its log, notes, channel history with thread replies, the handoff brief and the linked Freshdesk ' +
      'ticket.',
    z.union([z.strictObject({ pagerdutyIncident: pdRef }), z.strictObject({ slackChannel: slackRef })]),
  ),
  'takeover.retry': op<TakeoverPreview>()(
    'Read again only the sources of a take-over preview that failed (writes nothing); answers the updated preview.',
    z.strictObject({ previewId: id, sources: z.array(z.enum(importSources)).min(1) }),
  ),
  'takeover.confirm': op<TakeoverDone>()(
    'Take command of a previewed incident (previewId from takeover.import), after the user confirmed: create the ' +
      'local session, import the record, make the local user (people.me) commander and run the vendor checks at once.',
    z.strictObject({ previewId: id, confirmed: z.boolean() }),
  ),
};

export const handoffEvents = {
  'handoff.recorded': event<HandoffStatus>(),
  'handoff.changed': event<HandoffStatus>(),
};
