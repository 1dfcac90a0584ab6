// Who is acting on this machine, and which timezone an incident is shown in: read from settings.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { settingsRepo } from '../db/repos/settings';
import { peopleRepo } from '../db/repos/people';
import { ME_SETTING } from './people';

const name = z.string().trim().min(1).max(200);

/** The local user's name for authorship: the roster person marked "me", then 'profile.name', else 'me'. */
export function currentActor(db: Database.Database): string {
  const { me, profile } = peopleRepo(db).actorNames(ME_SETTING, 'profile.name');
  if (me !== null) return me;
  if (profile === null) return 'me';
  const parsed = name.safeParse(JSON.parse(profile));
  return parsed.success ? parsed.data : 'me';
}

export const timeZoneKey = (incidentId: string) => `incidents.${incidentId}.timeZone`;

/** The incident's display timezone (an IANA name) from settings; UTC when unset or unknown. */
export function incidentTimeZone(db: Database.Database, incidentId: string): string {
  const value = z.string().max(64).safeParse(settingsRepo(db).get(timeZoneKey(incidentId)));
  if (!value.success) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: value.data });
    return value.data;
  } catch {
    return 'UTC';
  }
}
