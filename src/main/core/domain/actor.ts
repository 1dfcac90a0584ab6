// Who is acting on this machine (the roster person marked "me"), and which timezone an incident is shown in:
// read from settings. Services call these for authorship; they import nothing from services/.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Person } from '../../../shared/people';
import { isValidTimeZone } from '../../../shared/zonedTime';
import { peopleRepo } from '../db/repos/people';
import { settingsRepo } from '../db/repos/settings';

export const ME_SETTING = 'people.me';

/** The person marked as me, if any and not removed. Other services call this for authorship. */
export function whoAmI(db: Database.Database): Person | null {
  const meId = settingsRepo(db).get(ME_SETTING);
  if (typeof meId !== 'string') return null;
  const p = peopleRepo(db).get(meId);
  return p && !p.removed ? p : null;
}

export const timeZoneKey = (incidentId: string) => `incidents.${incidentId}.timeZone`;

/** The incident's display timezone (an IANA name) from settings; UTC when unset or unknown. */
export function incidentTimeZone(db: Database.Database, incidentId: string): string {
  const value = z
    .string()
    .max(64)
    .safeParse(settingsRepo(db).get(timeZoneKey(incidentId)));
  return value.success && isValidTimeZone(value.data) ? value.data : 'UTC';
}
