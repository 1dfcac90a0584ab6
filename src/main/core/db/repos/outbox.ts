// SQL for outbox jobs. enqueue() must be called inside the caller's domain transaction.
import type Database from 'better-sqlite3';
import {
  jobPayloads,
  vendorOf,
  type JobKind,
  type JobPayload,
  type JobState,
  type OutboxJob,
} from '../../../../shared/outbox';
import { perDb } from '../perDb';

export interface JobRow {
  id: string;
  incident_id: string | null;
  vendor: string;
  kind: string;
  payload: string;
  order_key: string;
  state: string;
  attempts: number;
  checks: number;
  next_at: number | null;
  last_error: string | null;
  result: string | null;
  ref_type: string | null;
  ref_id: string | null;
  created_at: number;
  updated_at: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const toJob = (r: JobRow): OutboxJob => ({
  id: r.id,
  incidentId: r.incident_id,
  kind: r.kind as JobKind,
  vendor: vendorOf(r.kind as JobKind),
  orderKey: r.order_key,
  payload: JSON.parse(r.payload) as unknown,
  state: r.state as JobState,
  attempts: r.attempts,
  checks: r.checks ?? 0,
  nextAt: iso(r.next_at),
  lastError: r.last_error,
  result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  refType: r.ref_type,
  refId: r.ref_id,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export interface EnqueueInput<K extends JobKind> {
  id: string;
  incidentId: string | null;
  kind: K;
  payload: JobPayload<K>;
  /** Defaults to `<vendor>:<incidentId>`: one ordered stream per vendor per incident. */
  orderKey?: string;
  refType?: string;
  refId?: string;
  at: number;
}

export const outboxRepo = perDb((db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, state, next_at, ref_type, ref_id,
      created_at, updated_at)
     VALUES (@id, @incidentId, @vendor, @kind, @payload, @orderKey, 'queued', @at, @refType, @refId, @at, @at)`,
  );
  const byRef = db.prepare<[string, string], JobRow>(
    'SELECT * FROM outbox_jobs WHERE ref_type = ? AND ref_id = ? ORDER BY created_at, id',
  );
  const byId = db.prepare<[string], JobRow>('SELECT * FROM outbox_jobs WHERE id = ?');
  const byIncidentKind = db.prepare<[string, string], JobRow>(
    'SELECT * FROM outbox_jobs WHERE incident_id = ? AND kind = ? ORDER BY created_at, id',
  );
  return {
    /** Validates the payload against its kind's schema; throws (rolling back the caller) if wrong. */
    enqueue<K extends JobKind>(job: EnqueueInput<K>): void {
      const payload = jobPayloads[job.kind].parse(job.payload);
      insert.run({
        id: job.id,
        incidentId: job.incidentId,
        vendor: vendorOf(job.kind),
        kind: job.kind,
        payload: JSON.stringify(payload),
        orderKey: job.orderKey ?? `${vendorOf(job.kind)}:${job.incidentId ?? '-'}`,
        refType: job.refType ?? null,
        refId: job.refId ?? null,
        at: job.at,
      });
    },
    forRef(refType: string, refId: string): OutboxJob[] {
      return byRef.all(refType, refId).map(toJob);
    },
    /** An incident's jobs of one kind, oldest first. */
    forIncidentKind(incidentId: string, kind: JobKind): OutboxJob[] {
      return byIncidentKind.all(incidentId, kind).map(toJob);
    },
    get(id: string): OutboxJob | undefined {
      const r = byId.get(id);
      return r ? toJob(r) : undefined;
    },
  };
});
export type OutboxRepo = ReturnType<typeof outboxRepo>;
