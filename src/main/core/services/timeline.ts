// Use cases for reading the timeline page by page and marking entries for the report.
import type { OpParsed } from '../../../shared/contract';
import type { TimelineEntry } from '../../../shared/domain';
import type { TimelinePage } from '../../../shared/notes';
import { isValidTimeZone } from '../../../shared/zonedTime';
import { AppError } from '../../../shared/result';
import { incidentsRepo } from '../db/repos/incidents';
import { keysetPage, type KeysetRequest, type KeysetSource } from '../domain/keysetPage';
import { parseEntryCursor, timelineQueryRepo, type PagedEntry } from '../db/repos/timelineQuery';
import { settingsRepo } from '../db/repos/settings';
import { incidentTimeZone, timeZoneKey } from '../domain/actor';
import type { ServiceDeps } from '../ports';

export function timelineService({ db, bus }: ServiceDeps) {
  const entries = timelineQueryRepo(db);
  const incidents = incidentsRepo(db);

  const mustGet = (entryId: string): PagedEntry => {
    const e = entries.get(entryId);
    if (!e) throw new AppError('not_found', `No timeline entry with id ${entryId}.`);
    return e;
  };
  const strip = ({ cursor: _cursor, ...entry }: PagedEntry): TimelineEntry => entry;

  return {
    list(input: OpParsed<'timeline.list'>): TimelinePage {
      const { incidentId, limit } = input;
      if (!incidents.get(incidentId)) throw new AppError('not_found', `No incident with id ${incidentId}.`);
      const filter = { incidentId, sources: input.sources, kinds: input.kinds };
      const position = (c: string) => {
        const p = parseEntryCursor(c);
        if (!p) throw new AppError('invalid_input', 'That cursor does not belong to a timeline list.');
        return p;
      };
      let req: KeysetRequest<PagedEntry> = {};
      if (input.around) {
        const centre = entries.get(input.around);
        if (!centre || centre.incidentId !== incidentId)
          throw new AppError('not_found', `No timeline entry ${input.around} in this incident.`);
        req = { around: { row: centre, pos: { at: Date.parse(centre.at), id: centre.id } } };
      } else if (input.before) req = { before: position(input.before) };
      else if (input.after) req = { after: position(input.after) };
      const source: KeysetSource<PagedEntry> = {
        before: (p, n) => entries.before(filter, p, n),
        after: (p, n) => entries.after(filter, p, n),
        end: (n) => entries.first(filter, n),
      };
      const { rows, hasBefore, hasAfter } = keysetPage(source, req, limit, 'oldest');
      return { items: rows, hasBefore, hasAfter, timeZone: incidentTimeZone(db, incidentId) };
    },

    setInReport(input: OpParsed<'timeline.setInReport'>): TimelineEntry {
      mustGet(input.entryId);
      entries.setInReport(input.entryId, input.inReport);
      const entry = strip(mustGet(input.entryId));
      bus.emit('timeline.changed', entry);
      return entry;
    },

    setTimeZone(input: OpParsed<'timeline.setTimeZone'>): { timeZone: string } {
      if (!incidents.get(input.incidentId)) throw new AppError('not_found', `No incident with id ${input.incidentId}.`);
      if (!isValidTimeZone(input.timeZone)) {
        throw new AppError(
          'invalid_input',
          `“${input.timeZone}” is not a timezone this computer knows. Use a name like Europe/Berlin or UTC.`,
        );
      }
      settingsRepo(db).set(timeZoneKey(input.incidentId), input.timeZone);
      return { timeZone: input.timeZone };
    },

    setSummary(input: OpParsed<'timeline.setSummary'>): TimelineEntry {
      mustGet(input.entryId);
      const summary = input.summary.trim();
      entries.setSummary(input.entryId, summary === '' ? null : summary);
      const entry = strip(mustGet(input.entryId));
      bus.emit('timeline.changed', entry);
      return entry;
    },
  };
}
