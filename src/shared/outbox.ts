// Outbox job kinds: every request Conn makes to a vendor is one of these, written in the same
// transaction as the domain change that caused it. Executors (integrations) plug in per kind.
import { z } from 'zod';

export const vendors = ['slack', 'pagerduty', 'freshdesk'] as const;
export type Vendor = (typeof vendors)[number];

/** `uncertain`: the request may have reached the vendor (crash or timeout mid-send); it is reconciled before any retry. */
export const jobStates = ['queued', 'sending', 'retrying', 'uncertain', 'sent', 'dead', 'discarded'] as const;
export type JobState = (typeof jobStates)[number];

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
  'freshdesk.reply': z.strictObject({ body: z.string() }),
  'freshdesk.addNote': z.strictObject({ body: z.string(), private: z.boolean().default(true) }),
  'freshdesk.updateTicket': z.strictObject({ status: z.number().int().optional(), responderId: z.number().int().optional() }),
} as const;

export type JobKind = keyof typeof jobPayloads;
export type JobPayload<K extends JobKind> = z.input<(typeof jobPayloads)[K]>;
export const jobKinds = Object.keys(jobPayloads) as JobKind[];
export const vendorOf = (kind: JobKind): Vendor => kind.split('.')[0] as Vendor;

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
  reason: string | null;
  blockedBy: string | null;
}

export interface VendorConnection {
  vendor: Vendor;
  state: 'not_configured' | 'ok' | 'reconnect';
  reason: string | null;
  /** Set while a vendor's rate limit asks us to wait (ISO-8601). */
  pausedUntil: string | null;
}

export interface OutboxStatus {
  counts: Record<JobState, number>;
  /** Jobs not yet sent, dead or discarded. */
  pending: number;
  online: boolean;
  vendors: VendorConnection[];
}
