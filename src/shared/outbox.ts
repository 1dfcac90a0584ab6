// Outbox job kinds: every request Conn makes to a vendor is one of these, written in the same
// transaction as the domain change that caused it. Executors (integrations) plug in per kind.
import { z } from 'zod';

export const vendors = ['slack', 'pagerduty', 'freshdesk', 'github'] as const;
export type Vendor = (typeof vendors)[number];

/**
 * `uncertain`: the request may have reached the vendor (crash or timeout mid-send); it is checked at the vendor
 * before anything else, a bounded number of times. `needs_you`: those checks could not tell; only the user can
 * (it arrived / send again / discard). Jobs behind it in its order key wait; everything else goes on.
 */
export const jobStates = [
  'queued',
  'sending',
  'retrying',
  'uncertain',
  'needs_you',
  'sent',
  'dead',
  'discarded',
] as const;
export type JobState = (typeof jobStates)[number];
/** States a job never leaves. (`dead` is not final: it can be retried or edited.) */
export const finalStates: readonly JobState[] = ['sent', 'discarded'];

/**
 * Every way a job moves, and who moves it. The dispatcher's verdicts and the user's operations (outbox.retry,
 * outbox.discard, outbox.edit, outbox.resolve) only make these moves; the repository's SQL reads its allowed
 * `from` states from here. `test/unit/outboxTransitions.test.ts` walks the table.
 */
export const jobTransitions = {
  // The dispatcher
  claim: { by: 'dispatcher', from: ['queued', 'retrying'], to: 'sending', what: 'Claimed and sent to the vendor.' },
  delivered: {
    by: 'dispatcher',
    from: ['sending', 'uncertain'],
    to: 'sent',
    what: 'The vendor answered, or a check found it there.',
  },
  retry_later: {
    by: 'dispatcher',
    from: ['sending', 'uncertain'],
    to: 'retrying',
    what: 'Failed without effect (or a check showed it never arrived): sent again later.',
  },
  token_refused: {
    by: 'dispatcher',
    from: ['sending'],
    to: 'queued',
    what: 'The token was refused: waits for a new one.',
  },
  maybe_sent: {
    by: 'dispatcher',
    from: ['sending'],
    to: 'uncertain',
    what: 'The answer was lost (timeout, dropped connection, crash): check before anything else.',
  },
  check_again: {
    by: 'dispatcher',
    from: ['uncertain'],
    to: 'uncertain',
    what: 'A check could not tell: check again later, with backoff.',
  },
  checks_exhausted: {
    by: 'dispatcher',
    from: ['uncertain'],
    to: 'needs_you',
    what: 'The last check could not tell either: ask the user.',
  },
  refused: { by: 'dispatcher', from: ['sending'], to: 'dead', what: 'The vendor refused it: fix, retry or discard.' },
  // The user
  retry: { by: 'you', from: ['dead', 'retrying', 'queued'], to: 'queued', what: 'Send now; attempts start over.' },
  check_now: {
    by: 'you',
    from: ['uncertain', 'needs_you'],
    to: 'uncertain',
    what: 'Check at the vendor now; the checks start over.',
  },
  edit: { by: 'you', from: ['dead'], to: 'queued', what: 'New payload, sent again.' },
  discard: {
    by: 'you',
    from: ['dead', 'retrying', 'queued', 'uncertain', 'needs_you'],
    to: 'discarded',
    what: 'Never sent (again); what waited behind it goes on.',
  },
  mark_sent: {
    by: 'you',
    from: ['uncertain', 'needs_you'],
    to: 'sent',
    what: 'It arrived: settled without sending again.',
  },
  send_again: { by: 'you', from: ['uncertain', 'needs_you'], to: 'queued', what: 'It did not arrive: sent once more.' },
} as const satisfies Record<
  string,
  { by: 'dispatcher' | 'you'; from: readonly JobState[]; to: JobState; what: string }
>;
export type JobTransition = keyof typeof jobTransitions;

export const canMove = (t: JobTransition, from: JobState): boolean =>
  (jobTransitions[t].from as readonly JobState[]).includes(from);

/** The choices outbox.resolve offers for a job whose arrival is unknown. */
export const resolveChoices = ['mark_sent', 'send_again', 'discard'] as const;
export type ResolveChoice = (typeof resolveChoices)[number];

/**
 * How long an uncertain job is checked: the first check `settleMs` after the lost answer, then each wait doubles
 * (10, 30, 70, 150, 310 s after it with the default 10 s); after `maxChecks` unknown answers it needs you.
 */
export const MAX_CHECKS = 5;
export const checkDelayMs = (checksDone: number, settleMs: number): number =>
  settleMs * 2 ** Math.max(0, Math.min(checksDone, 20));

/**
 * Whether an action may be run (again), given the states of the jobs an earlier run made. `pending`: it is still
 * being sent; `unsettled`: it may have arrived (settle it in the outbox first); `already_sent`: refused unless the
 * request says `again: true`. Null: go ahead.
 */
export type RerunRefusal = 'pending' | 'unsettled' | 'already_sent';
export function rerunRefusal(states: readonly JobState[], again: boolean): RerunRefusal | null {
  if (states.some((s) => s === 'queued' || s === 'sending' || s === 'retrying')) return 'pending';
  if (states.some((s) => s === 'uncertain' || s === 'needs_you')) return 'unsettled';
  if (!again && states.includes('sent')) return 'already_sent';
  return null;
}

/** Payload schemas per job kind. Integrations may extend this map; keep kinds `vendor.verb`. */
export const jobPayloads = {
  'slack.createChannel': z.strictObject({ name: z.string(), inviteUserIds: z.array(z.string()).default([]) }),
  'slack.postMessage': z.strictObject({ text: z.string() }),
  'pagerduty.createIncident': z.strictObject({
    title: z.string(),
    details: z.string().default(''),
    assigneeUserId: z.string().optional(),
    /** Defaults to the PagerDuty connection's default service. */
    serviceId: z.string().optional(),
    /** The runbook's service, by name or id: resolved through GET /services when sent (wins over the default). */
    service: z.string().optional(),
    /** The runbook's priority by name, set where the account has priorities. */
    priority: z.string().optional(),
  }),
  'pagerduty.addNote': z.strictObject({ content: z.string() }),
  'pagerduty.acknowledge': z.strictObject({}),
  'pagerduty.reassign': z.strictObject({ assigneeUserId: z.string() }),
  'pagerduty.statusUpdate': z.strictObject({ message: z.string() }),
  'pagerduty.resolve': z.strictObject({}),
  /**
   * A public reply. Without `community` it goes on the incident's ticket; with it, on that community's ticket: the
   * one given as `ticketId`, or the one a `freshdesk.createTicket` for the community made (see the fan-out).
   */
  'freshdesk.reply': z.strictObject({
    body: z.string(),
    community: z.string().optional(),
    ticketId: z.number().int().optional(),
  }),
  'freshdesk.addNote': z.strictObject({ body: z.string(), private: z.boolean().default(true) }),
  'freshdesk.updateTicket': z.strictObject({
    status: z.number().int().optional(),
    responderId: z.number().int().optional(),
  }),
  /** A new outbound ticket to a community that has none open for this incident (the first message it is told). */
  'freshdesk.createTicket': z.strictObject({
    community: z.string().min(1),
    email: z.string().min(3),
    subject: z.string().min(1),
    body: z.string(),
  }),
  /**
   * An action item of the incident's report as a GitHub issue in `repo` (`owner/name`), with the text it had when it
   * was queued; the executor adds the connection's labels and Conn's marker.
   */
  'github.createIssue': z.strictObject({
    actionItemId: z.string().min(1),
    repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
    title: z.string().min(1).max(256),
    body: z.string().max(60_000),
  }),
  /**
   * The report's exported files committed to `branch` (`conn/<incident id>`, made from the default branch) of `repo`,
   * and one pull request from it with `body` (the overview; the executor adds Conn's marker). Sent again, it updates
   * the same branch and pull request. The files were written to disk when queued (`localFile`, with their git blob
   * sha); the executor puts only those whose content differs.
   */
  'github.publishReport': z.strictObject({
    repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/),
    branch: z.string().regex(/^conn\/[A-Za-z0-9._-]+$/),
    title: z.string().min(1).max(256),
    body: z.string().max(60_000),
    message: z.string().min(1).max(500),
    files: z
      .array(
        z.strictObject({
          path: z.string().min(1).max(500),
          localFile: z.string().min(1),
          sha: z.string().regex(/^[0-9a-f]{40}$/),
          bytes: z.number().int().nonnegative(),
        }),
      )
      .min(1)
      .max(4),
  }),
} as const;

export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.input<(typeof jobPayloads)[K]>;
export const jobKinds = Object.keys(jobPayloads) as JobKind[];
export const vendorOf = (kind: JobKind): Vendor => kind.split('.')[0] as Vendor;

/** What a job does at the vendor, in words for a confirmation ("This will …"). */
export const jobEffects: Record<JobKind, string> = {
  'slack.createChannel': 'create another Slack channel for this incident',
  'slack.postMessage': 'post the message in the Slack channel again',
  'pagerduty.createIncident': 'open a PagerDuty incident (PagerDuty keeps one per incident key)',
  'pagerduty.addNote': 'add the note to the PagerDuty incident again',
  'pagerduty.acknowledge': 'acknowledge the PagerDuty incident again',
  'pagerduty.reassign': 'reassign the PagerDuty incident again',
  'pagerduty.statusUpdate': 'send the PagerDuty status update again (its subscribers are notified)',
  'pagerduty.resolve': 'resolve the PagerDuty incident again',
  'freshdesk.reply': 'e-mail another public reply to the requester on the Freshdesk ticket',
  'freshdesk.addNote': 'add the note to the Freshdesk ticket again',
  'freshdesk.updateTicket': 'update the Freshdesk ticket again',
  'freshdesk.createTicket': "open another Freshdesk ticket and e-mail it to the community's contact",
  'github.createIssue': 'open another GitHub issue for this action item',
  'github.publishReport': 'commit the report to its branch again and update its pull request (never a second one)',
};

/** Kinds whose step is done by its check, not by the vendor accepting the request (a PR is published once merged). */
export const doneByCheck: ReadonlySet<JobKind> = new Set<JobKind>(['github.publishReport']);

/** The largest report file Conn publishes through GitHub's contents API (which itself takes up to 100 MB). */
export const PUBLISH_MAX_BYTES = 50 * 1024 * 1024;

export interface OutboxJob {
  id: string;
  incidentId: string | null;
  kind: JobKind;
  vendor: Vendor;
  /** Jobs with the same order key are sent strictly in creation order. */
  orderKey: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  /** Checks at the vendor that could not tell whether an uncertain job arrived (see MAX_CHECKS). */
  checks: number;
  nextAt: string | null;
  lastError: string | null;
  /** What the vendor answered on success (ids, permalink), for links in the UI. */
  result: unknown;
  /** What caused the job: a note, a checklist step, a handoff… */
  refType: string | null;
  refId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A job as listed for people: why it waits or failed, and which dead job blocks it. */
export interface OutboxJobView extends OutboxJob {
  /** Why it waits or failed, in plain words. */
  reason: string | null;
  /** The raw error behind the reason (for a disclosure), when it says more. */
  detail: string | null;
  blockedBy: string | null;
}

export interface VendorConnection {
  vendor: Vendor;
  /** `ok`: reachable; `unreachable`: the last request could not reach it (Conn keeps trying); `reconnect`: needs a new
   * token. */
  state: 'not_configured' | 'ok' | 'unreachable' | 'reconnect';
  /** In plain words. */
  reason: string | null;
  /** The raw error behind the reason, for a disclosure. */
  detail: string | null;
  /** Set while a vendor's rate limit asks us to wait (ISO-8601). */
  pausedUntil: string | null;
}

export interface OutboxStatus {
  counts: Record<JobState, number>;
  /** Jobs not yet sent, dead or discarded (those that need you included). */
  pending: number;
  /** Jobs only the user can settle (it arrived / send again / discard). */
  needsYou: number;
  online: boolean;
  vendors: VendorConnection[];
}
