// SQL for telling an incident's affected communities: their contacts (the registry's requester e-mails) and the
// outbox jobs that carry a message to one of them (`community` in the payload). No table of its own: what was told
// is what the outbox holds.
import type Database from 'better-sqlite3';
import type { JobState } from '../../../../shared/outbox';
import { perDb } from '../perDb';

export interface CommunityHubRow {
  hub_id: string;
  name: string;
  domain: string;
  community: string;
  requester_email: string | null;
  added_at: number;
}

export interface CommunityJobRow {
  id: string;
  kind: 'freshdesk.reply' | 'freshdesk.createTicket';
  state: JobState;
  community: string;
  ticket_id: number | null;
  result: string | null;
  created_at: number;
  updated_at: number;
}

export const communitiesRepo = perDb((db: Database.Database) => {
  const hubs = db.prepare<[string], CommunityHubRow>(
    `SELECT ih.hub_id, ih.name, ih.domain, ih.community, rh.requester_email, ih.added_at
       FROM incident_hubs ih LEFT JOIN registry_hubs rh ON rh.id = ih.hub_id
      WHERE ih.incident_id = ? AND ih.excluded = 0 AND ih.community IS NOT NULL
      ORDER BY ih.community, ih.hub_id`,
  );
  const jobs = db.prepare<[string], CommunityJobRow>(
    `SELECT id, kind, state, json_extract(payload, '$.community') AS community,
            json_extract(payload, '$.ticketId') AS ticket_id, result, created_at, updated_at
       FROM outbox_jobs
      WHERE incident_id = ? AND kind IN ('freshdesk.reply', 'freshdesk.createTicket')
        AND json_extract(payload, '$.community') IS NOT NULL
      ORDER BY created_at, id`,
  );
  const incident = db.prepare<[string], { hub: string | null; ticket_url: string | null }>(
    'SELECT hub, ticket_url FROM incidents WHERE id = ?',
  );
  return {
    /** The included affected hubs that serve a community, with the registry's requester e-mail. */
    hubs: (incidentId: string): CommunityHubRow[] => hubs.all(incidentId),
    /** Every job that carries a message to a community, oldest first. */
    jobs: (incidentId: string): CommunityJobRow[] => jobs.all(incidentId),
    incident: (incidentId: string) => incident.get(incidentId),
  };
});
export type CommunitiesRepo = ReturnType<typeof communitiesRepo>;
