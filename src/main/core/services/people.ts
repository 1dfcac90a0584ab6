// Use cases for the roster: save, remove, list, and which person is "me" (the author of my actions).
import type { OpParsed } from '../../../shared/contract';
import type { Person } from '../../../shared/people';
import { AppError } from '../../../shared/result';
import { peopleRepo } from '../db/repos/people';
import { settingsRepo } from '../db/repos/settings';
import type { ServiceDeps } from '../ports';
import { ME_SETTING, whoAmI } from '../domain/actor';

export function peopleService({ db, clock, ids, bus }: ServiceDeps) {
  const people = peopleRepo(db);
  const settings = settingsRepo(db);

  const changed = () => bus.emit('people.changed', { people: people.list(), meId: whoAmI(db)?.id ?? null });

  const mustGet = (id: string): Person => {
    const p = people.get(id);
    if (!p || p.removed) throw new AppError('not_found', `No person with id ${id} in the roster.`);
    return p;
  };

  return {
    list(includeRemoved = false): Person[] {
      return people.list(includeRemoved);
    },
    get: mustGet,
    save(input: OpParsed<'people.save'>): Person {
      const id = input.id ?? ids.next();
      db.transaction(() => {
        if (input.id) mustGet(input.id);
        people.save(
          {
            id,
            name: input.name,
            email: input.email ?? null,
            timezone: input.timezone,
            pagerdutyUserId: input.pagerdutyUserId ?? null,
            slackUserId: input.slackUserId ?? null,
            freshdeskAgentId: input.freshdeskAgentId ?? null,
            workingHours: input.workingHours ?? null,
          },
          clock.now(),
        );
      }).immediate();
      changed();
      return mustGet(id);
    },
    remove(personId: string): Person {
      db.transaction(() => {
        mustGet(personId);
        people.remove(personId, clock.now());
        if (settings.get(ME_SETTING) === personId) settings.set(ME_SETTING, null);
      }).immediate();
      changed();
      const p = people.get(personId);
      if (!p) throw new AppError('internal', 'person vanished after removal');
      return p;
    },
    setMe(personId: string | null): Person | null {
      const me = personId === null ? null : mustGet(personId);
      settings.set(ME_SETTING, me?.id ?? null);
      changed();
      return me;
    },
    me: () => whoAmI(db),
  };
}
export type PeopleService = ReturnType<typeof peopleService>;
