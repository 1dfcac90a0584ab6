// SQL for the roster of people. Removal is soft, so past incidents keep naming who held a role.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Person } from '../../../../shared/people';
import { perDb } from '../perDb';

export interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  timezone: string;
  pagerduty_user_id: string | null;
  slack_user_id: string | null;
  freshdesk_agent_id: string | null;
  working_hours: string | null;
  removed_at: number | null;
}

const hoursSchema = z.object({ start: z.string(), end: z.string() });

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  email: r.email,
  timezone: r.timezone,
  pagerdutyUserId: r.pagerduty_user_id,
  slackUserId: r.slack_user_id,
  freshdeskAgentId: r.freshdesk_agent_id,
  workingHours: r.working_hours === null ? null : hoursSchema.parse(JSON.parse(r.working_hours)),
  removed: r.removed_at !== null,
});

/** What a save writes: a person as the roster shows them, less the removal flag (remove sets it). */
export type PersonFields = Omit<Person, 'removed'>;

export const peopleRepo = perDb((db: Database.Database) => {
  const byId = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE id = ?');
  // Both candidates for "who is acting" in one statement (it runs for every note saved).
  const active = db.prepare<[], PersonRow>(
    'SELECT * FROM people WHERE removed_at IS NULL ORDER BY name COLLATE NOCASE, id',
  );
  const everyone = db.prepare<[], PersonRow>('SELECT * FROM people ORDER BY name COLLATE NOCASE, id');
  const upsert = db.prepare(
    `INSERT INTO people (id, name, email, timezone, pagerduty_user_id, slack_user_id, freshdesk_agent_id,
      working_hours, created_at, updated_at)
     VALUES (@id, @name, @email, @timezone, @pagerdutyUserId, @slackUserId, @freshdeskAgentId, @workingHours, @at, @at)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, timezone = excluded.timezone,
       pagerduty_user_id = excluded.pagerduty_user_id, slack_user_id = excluded.slack_user_id,
       freshdesk_agent_id = excluded.freshdesk_agent_id, working_hours = excluded.working_hours, updated_at =
         excluded.updated_at`,
  );
  const remove = db.prepare<[number, number, string]>('UPDATE people SET removed_at = ?, updated_at = ? WHERE id = ?');
  return {
    /** The name of the person marked "me" (if any, not removed) and the raw JSON of the profile-name setting. */
    get(id: string): Person | undefined {
      const r = byId.get(id);
      return r ? toPerson(r) : undefined;
    },
    list(includeRemoved = false): Person[] {
      return (includeRemoved ? everyone : active).all().map(toPerson);
    },
    save(p: PersonFields, at: number): void {
      upsert.run({ ...p, workingHours: p.workingHours ? JSON.stringify(p.workingHours) : null, at });
    },
    remove(id: string, at: number): void {
      remove.run(at, at, id);
    },
  };
});
export type PeopleRepo = ReturnType<typeof peopleRepo>;
