// SQL for delivering outbox jobs: heads of each ordered stream, leased claims, fenced settles, user fixes.
import type Database from 'better-sqlite3';
import {
  jobTransitions,
  vendorOf,
  type JobKind,
  type JobState,
  type JobTransition,
  type OutboxJob,
  type Vendor,
} from '../../../../shared/outbox';
import { toJob, type JobRow } from './outbox';
import { perDb } from '../perDb';

export interface Settle {
  state: Extract<JobState, 'sent' | 'retrying' | 'uncertain' | 'needs_you' | 'dead' | 'queued'>;
  /** Unknown checks so far (uncertain jobs); 0 unless given. */
  checks?: number;
  nextAt: number | null;
  lastError: string | null;
  result?: unknown;
  /** 1 when the attempt must not count (offline, vendor paused): the claim's +1 is given back. */
  refund?: 0 | 1;
}

/** What a pass needs to know about a stream's head to decide whether it may move. */
export interface Head {
  id: string;
  incidentId: string | null;
  kind: JobKind;
  vendor: Vendor;
  orderKey: string;
  state: JobState;
  /** Epoch ms, or null. */
  nextAt: number | null;
  /** Set while a dispatcher holds it (sending, or an uncertain job being reconciled). */
  leaseOwner: string | null;
}
interface HeadRow {
  id: string;
  incident_id: string | null;
  kind: string;
  order_key: string;
  state: string;
  next_at: number | null;
  lease_owner: string | null;
}
const toHead = (r: HeadRow): Head => ({
  id: r.id,
  incidentId: r.incident_id,
  kind: r.kind as JobKind,
  vendor: vendorOf(r.kind as JobKind),
  orderKey: r.order_key,
  state: r.state as JobState,
  nextAt: r.next_at,
  leaseOwner: r.lease_owner,
});

type LeasedRow = JobRow & { claimed_at: number | null };
/** A job just leased, with when its send attempt was claimed (reconcile reads from a little before). */
export interface Claimed {
  job: OutboxJob;
  claimedAt: number | null;
}

/** The SQL list of states a transition starts from (from the table in shared/outbox.ts). */
const fromStates = (t: JobTransition) => jobTransitions[t].from.map((st) => `'${st}'`).join(', ');

export const outboxDispatchRepo = perDb((db: Database.Database) => {
  // The head of a stream is its oldest job that is neither sent nor discarded; only heads may move. A skip-scan
  // over the partial index of unfinished jobs: one seek per stream, whatever the size of the sent history.
  const heads = db.prepare<[], HeadRow>(
    `WITH RECURSIVE keys(k) AS (
       SELECT min(order_key) FROM outbox_jobs WHERE state NOT IN ('sent', 'discarded')
       UNION ALL
       SELECT (SELECT min(order_key) FROM outbox_jobs WHERE state NOT IN ('sent', 'discarded') AND order_key > keys.k)
       FROM keys WHERE keys.k IS NOT NULL)
     SELECT j.id, j.incident_id, j.kind, j.order_key, j.state, j.next_at, j.lease_owner
     FROM keys JOIN outbox_jobs j ON j.rowid = (
       SELECT e.rowid FROM outbox_jobs e WHERE e.order_key = keys.k AND e.state NOT IN ('sent', 'discarded')
       ORDER BY e.created_at, e.id LIMIT 1)
     ORDER BY j.created_at, j.id`,
  );
  const recover = db.prepare<{ now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'uncertain', lease_owner = NULL, next_at = @now, updated_at = @now
     WHERE state = 'sending' RETURNING *`,
  );
  const releaseReconciles = db.prepare(`UPDATE outbox_jobs SET lease_owner = NULL WHERE state = 'uncertain'`);
  const claimSend = db.prepare<{ id: string; owner: string; now: number }, LeasedRow>(
    `UPDATE outbox_jobs SET state = 'sending', attempts = attempts + 1, lease_owner = @owner, claimed_at = @now,
      updated_at = @now
     WHERE id = @id AND state IN (${fromStates('claim')}) RETURNING *`,
  );
  const claimReconcile = db.prepare<{ id: string; owner: string }, LeasedRow>(
    `UPDATE outbox_jobs SET lease_owner = @owner WHERE id = @id AND state = 'uncertain' AND lease_owner IS NULL
      RETURNING *`,
  );
  const settle = db.prepare<Record<string, unknown>, JobRow>(
    `UPDATE outbox_jobs SET state = @state, next_at = @nextAt, last_error = @lastError,
       result = COALESCE(@result, result), checks = @checks, attempts = MAX(0, attempts - @refund), lease_owner =
         NULL, updated_at = @now
     WHERE id = @id AND lease_owner = @owner AND state IN ('sending', 'uncertain') RETURNING *`,
  );
  const retry = db.prepare<{ id: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'queued', attempts = 0, checks = 0, next_at = @now, last_error = NULL,
      updated_at = @now
     WHERE id = @id AND state IN (${fromStates('retry')}) RETURNING *`,
  );
  // A check in flight (lease held) finishes first: these wait for it rather than race its outcome.
  const unleased = (t: JobTransition) =>
    `WHERE id = @id AND state IN (${fromStates(t)}) AND lease_owner IS NULL RETURNING *`;
  const discard = db.prepare<{ id: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'discarded', next_at = NULL, updated_at = @now ${unleased('discard')}`,
  );
  const checkNow = db.prepare<{ id: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'uncertain', checks = 0, next_at = @now, updated_at = @now
      ${unleased('check_now')}`,
  );
  const markSent = db.prepare<{ id: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'sent', next_at = NULL, last_error = NULL, result = COALESCE(result, '{}'),
      updated_at = @now ${unleased('mark_sent')}`,
  );
  const sendAgain = db.prepare<{ id: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'queued', attempts = 0, checks = 0, next_at = @now, last_error = NULL,
      updated_at = @now ${unleased('send_again')}`,
  );
  const edit = db.prepare<{ id: string; now: number; payload: string }, JobRow>(
    `UPDATE outbox_jobs SET payload = @payload, state = 'queued', attempts = 0, checks = 0, next_at = @now,
      last_error = NULL, updated_at = @now
     WHERE id = @id AND state IN (${fromStates('edit')}) RETURNING *`,
  );
  const list = db.prepare<{ incidentId: string | null; states: string | null }, JobRow>(
    `SELECT * FROM outbox_jobs
     WHERE (@incidentId IS NULL OR incident_id = @incidentId)
       AND (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
     ORDER BY created_at, id`,
  );
  const counts = db.prepare<[], { state: string; n: number }>(
    'SELECT state, count(*) AS n FROM outbox_jobs GROUP BY state',
  );
  const sentResults = db.prepare<[{ i: string }], { kind: string; result: string | null }>(
    // Links learnt by a take-over (incident_links) come first; the incident's own created targets override them.
    `SELECT kind, result FROM (
       SELECT 'slack.createChannel' AS kind, CASE WHEN slack_channel_name IS NULL THEN json_object('channelId',
         slack_channel_id)
         ELSE json_object('channelId', slack_channel_id, 'name', slack_channel_name) END AS result, 0 AS
           created_at, '' AS id
         FROM incident_links WHERE incident_id = @i AND slack_channel_id IS NOT NULL
       UNION ALL
       SELECT 'pagerduty.createIncident', CASE WHEN pagerduty_url IS NULL THEN json_object('incidentId',
         pagerduty_incident_id)
         ELSE json_object('incidentId', pagerduty_incident_id, 'htmlUrl', pagerduty_url) END, 0, '~'
         FROM incident_links WHERE incident_id = @i AND pagerduty_incident_id IS NOT NULL
       UNION ALL
       SELECT kind, result, created_at, id FROM outbox_jobs
         WHERE incident_id = @i AND state = 'sent' AND result IS NOT NULL
           AND kind IN ('slack.createChannel', 'pagerduty.createIncident', 'freshdesk.createTicket',
             'github.publishReport')
     ) ORDER BY created_at, id`,
  );
  const ticketUrl = db.prepare<[string], { ticket_url: string | null }>(
    'SELECT ticket_url FROM incidents WHERE id = ?',
  );
  const one = (r: JobRow | undefined) => (r ? toJob(r) : undefined);
  const leased = (r: LeasedRow | undefined): Claimed | undefined =>
    r ? { job: toJob(r), claimedAt: r.claimed_at } : undefined;
  return {
    /** Each stream's head, without its payload (a pass reads these often; a claim returns the full job). */
    heads: (): Head[] => heads.all().map(toHead),
    /** At start-up: a job caught mid-send may have reached the vendor, so it is reconciled, never simply resent. */
    recover(now: number): OutboxJob[] {
      releaseReconciles.run();
      return recover.all({ now }).map(toJob);
    },
    claimSend: (id: string, owner: string, now: number) => leased(claimSend.get({ id, owner, now })),
    claimReconcile: (id: string, owner: string) => leased(claimReconcile.get({ id, owner })),
    /** Fenced: a dispatcher whose lease was taken away (restart) cannot overwrite the new owner's outcome. */
    settle(id: string, owner: string, now: number, s: Settle): OutboxJob | undefined {
      return one(
        settle.get({
          id,
          owner,
          now,
          state: s.state,
          nextAt: s.nextAt,
          lastError: s.lastError,
          result: s.result === undefined ? null : JSON.stringify(s.result),
          refund: s.refund ?? 0,
          checks: s.checks ?? 0,
        }),
      );
    },
    retry: (id: string, now: number) => one(retry.get({ id, now })),
    discard: (id: string, now: number) => one(discard.get({ id, now })),
    checkNow: (id: string, now: number) => one(checkNow.get({ id, now })),
    markSent: (id: string, now: number) => one(markSent.get({ id, now })),
    sendAgain: (id: string, now: number) => one(sendAgain.get({ id, now })),
    edit: (id: string, payload: unknown, now: number) => one(edit.get({ id, now, payload: JSON.stringify(payload) })),
    list: (f: { incidentId?: string; states?: readonly string[] }): OutboxJob[] =>
      list.all({ incidentId: f.incidentId ?? null, states: f.states ? JSON.stringify(f.states) : null }).map(toJob),
    counts(): Map<string, number> {
      return new Map(counts.all().map((r) => [r.state, r.n]));
    },
    /** What an incident's links are read from besides its sent jobs: the ticket URL it was declared with. */
    ticketUrlOf: (incidentId: string): string | null => ticketUrl.get(incidentId)?.ticket_url ?? null,
    sentResults(incidentId: string): Array<{ kind: string; result: unknown }> {
      return sentResults
        .all({ i: incidentId })
        .map((r) => ({ kind: r.kind, result: r.result === null ? null : (JSON.parse(r.result) as unknown) }));
    },
  };
});
export type OutboxDispatchRepo = ReturnType<typeof outboxDispatchRepo>;
