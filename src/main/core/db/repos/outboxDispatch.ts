// SQL for delivering outbox jobs: heads of each ordered stream, leased claims, fenced settles, user fixes.
import type Database from 'better-sqlite3';
import type { JobState, OutboxJob } from '../../../../shared/outbox';
import { toJob, type JobRow } from './outbox';

export interface Settle {
  state: Extract<JobState, 'sent' | 'retrying' | 'uncertain' | 'dead' | 'queued'>;
  nextAt: number | null;
  lastError: string | null;
  result?: unknown;
  /** 1 when the attempt must not count (offline, vendor paused): the claim's +1 is given back. */
  refund?: 0 | 1;
}

export function outboxDispatchRepo(db: Database.Database) {
  // The head of a stream is its oldest job that is neither sent nor discarded; only heads may move.
  const heads = db.prepare<[], JobRow>(
    `SELECT j.* FROM outbox_jobs j
     WHERE j.state NOT IN ('sent', 'discarded')
       AND NOT EXISTS (
         SELECT 1 FROM outbox_jobs e
         WHERE e.order_key = j.order_key AND e.state NOT IN ('sent', 'discarded')
           AND (e.created_at < j.created_at OR (e.created_at = j.created_at AND e.id < j.id)))
     ORDER BY j.created_at, j.id`,
  );
  const recover = db.prepare<{ now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'uncertain', lease_owner = NULL, next_at = @now, updated_at = @now
     WHERE state = 'sending' RETURNING *`,
  );
  const releaseReconciles = db.prepare(`UPDATE outbox_jobs SET lease_owner = NULL WHERE state = 'uncertain'`);
  const claimSend = db.prepare<{ id: string; owner: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'sending', attempts = attempts + 1, lease_owner = @owner, claimed_at = @now, updated_at = @now
     WHERE id = @id AND state IN ('queued', 'retrying') RETURNING *`,
  );
  const claimReconcile = db.prepare<{ id: string; owner: string }, JobRow>(
    `UPDATE outbox_jobs SET lease_owner = @owner WHERE id = @id AND state = 'uncertain' AND lease_owner IS NULL RETURNING *`,
  );
  const settle = db.prepare<Record<string, unknown>, JobRow>(
    `UPDATE outbox_jobs SET state = @state, next_at = @nextAt, last_error = @lastError,
       result = COALESCE(@result, result), attempts = MAX(0, attempts - @refund), lease_owner = NULL, updated_at = @now
     WHERE id = @id AND lease_owner = @owner AND state IN ('sending', 'uncertain') RETURNING *`,
  );
  const retry = db.prepare<{ id: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'queued', attempts = 0, next_at = @now, last_error = NULL, updated_at = @now
     WHERE id = @id AND state IN ('dead', 'retrying', 'queued') RETURNING *`,
  );
  const discard = db.prepare<{ id: string; now: number }, JobRow>(
    `UPDATE outbox_jobs SET state = 'discarded', next_at = NULL, updated_at = @now
     WHERE id = @id AND state IN ('dead', 'retrying', 'queued') RETURNING *`,
  );
  const edit = db.prepare<{ id: string; now: number; payload: string }, JobRow>(
    `UPDATE outbox_jobs SET payload = @payload, state = 'queued', attempts = 0, next_at = @now, last_error = NULL, updated_at = @now
     WHERE id = @id AND state = 'dead' RETURNING *`,
  );
  const list = db.prepare<{ incidentId: string | null; states: string | null }, JobRow>(
    `SELECT * FROM outbox_jobs
     WHERE (@incidentId IS NULL OR incident_id = @incidentId)
       AND (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
     ORDER BY created_at, id`,
  );
  const counts = db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox_jobs GROUP BY state');
  const sentResults = db.prepare<[{ i: string }], { kind: string; result: string | null }>(
    // Links learnt by a take-over (incident_links) come first; the incident's own created targets override them.
    `SELECT kind, result FROM (
       SELECT 'slack.createChannel' AS kind, CASE WHEN slack_channel_name IS NULL THEN json_object('channelId', slack_channel_id)
         ELSE json_object('channelId', slack_channel_id, 'name', slack_channel_name) END AS result, 0 AS created_at, '' AS id
         FROM incident_links WHERE incident_id = @i AND slack_channel_id IS NOT NULL
       UNION ALL
       SELECT 'pagerduty.createIncident', CASE WHEN pagerduty_url IS NULL THEN json_object('incidentId', pagerduty_incident_id)
         ELSE json_object('incidentId', pagerduty_incident_id, 'htmlUrl', pagerduty_url) END, 0, '~'
         FROM incident_links WHERE incident_id = @i AND pagerduty_incident_id IS NOT NULL
       UNION ALL
       SELECT kind, result, created_at, id FROM outbox_jobs WHERE incident_id = @i AND state = 'sent' AND result IS NOT NULL
     ) ORDER BY created_at, id`,
  );
  const claimedAt = db.prepare<[string], { claimed_at: number | null }>('SELECT claimed_at FROM outbox_jobs WHERE id = ?');
  const one = (r: JobRow | undefined) => (r ? toJob(r) : undefined);
  return {
    heads: (): OutboxJob[] => heads.all().map(toJob),
    /** At start-up: a job caught mid-send may have reached the vendor, so it is reconciled, never simply resent. */
    recover(now: number): OutboxJob[] {
      releaseReconciles.run();
      return recover.all({ now }).map(toJob);
    },
    claimSend: (id: string, owner: string, now: number) => one(claimSend.get({ id, owner, now })),
    claimReconcile: (id: string, owner: string) => one(claimReconcile.get({ id, owner })),
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
        }),
      );
    },
    claimedAt: (id: string): number | null => claimedAt.get(id)?.claimed_at ?? null,
    retry: (id: string, now: number) => one(retry.get({ id, now })),
    discard: (id: string, now: number) => one(discard.get({ id, now })),
    edit: (id: string, payload: unknown, now: number) => one(edit.get({ id, now, payload: JSON.stringify(payload) })),
    list: (f: { incidentId?: string; states?: readonly string[] }): OutboxJob[] =>
      list.all({ incidentId: f.incidentId ?? null, states: f.states ? JSON.stringify(f.states) : null }).map(toJob),
    counts(): Map<string, number> {
      return new Map(counts.all().map((r) => [r.state, r.n]));
    },
    sentResults(incidentId: string): Array<{ kind: string; result: unknown }> {
      return sentResults.all({ i: incidentId }).map((r) => ({ kind: r.kind, result: r.result === null ? null : (JSON.parse(r.result) as unknown) }));
    },
  };
}
export type OutboxDispatchRepo = ReturnType<typeof outboxDispatchRepo>;
