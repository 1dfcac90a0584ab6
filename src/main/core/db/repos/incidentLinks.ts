// SQL for incident_links: the PagerDuty incident and Slack channel an incident shares with another Conn.
import type Database from 'better-sqlite3';
import { perDb } from '../perDb';

export interface StoredLinks {
  incidentId: string;
  pagerdutyIncidentId: string | null;
  pagerdutyUrl: string | null;
  slackChannelId: string | null;
  slackChannelName: string | null;
}

interface Row {
  incident_id: string;
  pagerduty_incident_id: string | null;
  pagerduty_url: string | null;
  slack_channel_id: string | null;
  slack_channel_name: string | null;
}

const toLinks = (r: Row): StoredLinks => ({
  incidentId: r.incident_id,
  pagerdutyIncidentId: r.pagerduty_incident_id,
  pagerdutyUrl: r.pagerduty_url,
  slackChannelId: r.slack_channel_id,
  slackChannelName: r.slack_channel_name,
});

export const incidentLinksRepo = perDb((db: Database.Database) => {
  const get = db.prepare<[string], Row>('SELECT * FROM incident_links WHERE incident_id = ?');
  const byPd = db.prepare<[string], Row>('SELECT * FROM incident_links WHERE pagerduty_incident_id = ?');
  const bySlack = db.prepare<[string], Row>(
    'SELECT * FROM incident_links WHERE slack_channel_id = ? ORDER BY updated_at DESC LIMIT 1',
  );
  const put = db.prepare(
    `INSERT INTO incident_links (incident_id, pagerduty_incident_id, pagerduty_url, slack_channel_id,
      slack_channel_name, updated_at)
     VALUES (@incidentId, @pagerdutyIncidentId, @pagerdutyUrl, @slackChannelId, @slackChannelName, @at)
     ON CONFLICT(incident_id) DO UPDATE SET
       pagerduty_incident_id = coalesce(excluded.pagerduty_incident_id, pagerduty_incident_id),
       pagerduty_url = coalesce(excluded.pagerduty_url, pagerduty_url),
       slack_channel_id = coalesce(excluded.slack_channel_id, slack_channel_id),
       slack_channel_name = coalesce(excluded.slack_channel_name, slack_channel_name),
       updated_at = excluded.updated_at`,
  );
  const pending = db.prepare<[string, string], { n: number }>(
    "SELECT count(*) AS n FROM outbox_jobs WHERE incident_id = ? AND kind = ? AND state NOT IN ('discarded', 'sent')",
  );
  return {
    /** A job of this kind (creating a target) is still waiting to be sent. */
    hasPending: (incidentId: string, kind: string): boolean => pending.get(incidentId, kind)!.n > 0,
    get: (incidentId: string): StoredLinks | undefined => {
      const r = get.get(incidentId);
      return r ? toLinks(r) : undefined;
    },
    byPagerDuty: (pdIncidentId: string): StoredLinks | undefined => {
      const r = byPd.get(pdIncidentId);
      return r ? toLinks(r) : undefined;
    },
    bySlackChannel: (channelId: string): StoredLinks | undefined => {
      const r = bySlack.get(channelId);
      return r ? toLinks(r) : undefined;
    },
    /** Merges: null fields keep what was known. */
    put(l: StoredLinks, at: number): void {
      put.run({ ...l, at });
    },
  };
});
export type IncidentLinksRepo = ReturnType<typeof incidentLinksRepo>;
