// The executor seam: one executor per job kind sends the job and, when a send may have applied,
// reconciles it against the vendor's state. Each vendor's executors (outbox/vendors/<vendor>.ts) are listed by
// its port (vendors/<vendor>.ts) and merged by createVendors (vendors/index.ts).
import type { z } from 'zod';
import type { Incident } from '../../../shared/domain';
import type { JobKind, OutboxJob, Vendor, jobPayloads } from '../../../shared/outbox';
import type { VendorFailure } from './failures';
import type { IncidentLinks } from './links';

export type ParsedPayload<K extends JobKind> = z.output<(typeof jobPayloads)[K]>;

export interface ExecContext<K extends JobKind> {
  /** The payload, parsed with the kind's schema (defaults applied). */
  payload: ParsedPayload<K>;
  incident: Incident | undefined;
  /** Targets created by earlier jobs of the same incident (channel id, PD incident id) and the ticket. */
  links: IncidentLinks;
  /** Put this in the message/note (Slack metadata, a trailing marker) so reconcile can find it. */
  marker: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** When the last send attempt was claimed (epoch ms): reconcile reads from a little before this. */
  claimedAt: number | null;
}

export type ExecOutcome = { status: 'done'; result: unknown } | { status: 'failed'; failure: VendorFailure };

export type ReconcileOutcome =
  | { status: 'done'; result: unknown } // the vendor has it: mark sent with this result
  | { status: 'not_sent' } // the vendor certainly does not have it: safe to send again
  | { status: 'unknown'; reason: string }; // cannot tell yet: ask again later, never resend

export interface Executor<K extends JobKind> {
  /** Send the job. May throw a VendorFailure-shaped error instead of returning `failed`. */
  send(job: OutboxJob, ctx: ExecContext<K>): Promise<ExecOutcome>;
  /** Look for the job's effect at the vendor (by marker, incident_key, conversation body). */
  reconcile(job: OutboxJob, ctx: ExecContext<K>): Promise<ReconcileOutcome>;
}

export type ExecutorRegistry = { [K in JobKind]?: Executor<K> };

/** Per-vendor credential check the dispatcher uses: a vendor with no token or settings is not attempted. */
export type IsConfigured = (vendor: Vendor) => boolean;

export const executorFor = <K extends JobKind>(registry: ExecutorRegistry, kind: K): Executor<K> | undefined =>
  registry[kind] as Executor<K> | undefined;
