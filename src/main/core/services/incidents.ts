// Use cases for incidents: declare (incident + first timeline entry, one transaction) and list.
import type Database from 'better-sqlite3';
import type { OpParsed } from '../../../shared/contract';
import type { Incident } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { incidentsRepo } from '../db/repos/incidents';
import { timelineRepo } from '../db/repos/timeline';
import type { EventBus } from '../events';
import type { Clock, Ids } from '../ports';

export interface ServiceDeps {
  db: Database.Database;
  clock: Clock;
  ids: Ids;
  bus: EventBus;
}

export function incidentsService({ db, clock, ids, bus }: ServiceDeps) {
  const incidents = incidentsRepo(db);
  const timeline = timelineRepo(db);

  const declareTx = db.transaction((input: OpParsed<'incidents.declare'>) => {
    const at = clock.now();
    const id = ids.next();
    incidents.insert({ id, title: input.title, hub: input.hub ?? null, ticketUrl: input.ticketUrl ?? null, at });
    const entry = timeline.append({
      id: ids.next(),
      incidentId: id,
      at,
      source: 'system',
      kind: 'declared',
      body: `Incident declared: ${input.title}`,
      recordedAt: at,
    });
    const created = incidents.get(id);
    if (!created) throw new AppError('internal', 'incident vanished after insert');
    return { created, entry };
  });

  return {
    declare(input: OpParsed<'incidents.declare'>): Incident {
      const { created, entry } = declareTx.immediate(input);
      bus.emit('incidents.declared', created);
      bus.emit('timeline.appended', entry);
      return created;
    },
    list(): Incident[] {
      return incidents.list();
    },
    get(id: string): Incident {
      const found = incidents.get(id);
      if (!found) throw new AppError('not_found', `No incident with id ${id}`);
      return found;
    },
  };
}
