// Use case integrations.import: pull an incident's Slack channel (with thread replies), PagerDuty log and notes,
// and Freshdesk conversation into its timeline, once each (re-imports add only what is new).
import type { OpParsed } from '../../../shared/contract';
import type { TimelineEntry } from '../../../shared/domain';
import type { ImportResult } from '../../../shared/ops/recordImport';
import { AppError } from '../../../shared/result';
import { importsRepo } from '../db/repos/imports';
import { incidentsRepo } from '../db/repos/incidents';
import { incidentTargets } from '../handoff/targets';
import type { ClientsPort } from '../importer/clients';
import { asAppError } from '../importer/errors';
import { readRecord, type RecordEntry } from '../importer/record';
import type { ServiceDeps } from '../ports';

export function recordImportService({ db, clock, ids, bus }: ServiceDeps, clients: ClientsPort) {
  const imports = importsRepo(db);
  const incidents = incidentsRepo(db);

  const writeTx = db.transaction((incidentId: string, entries: RecordEntry[]) => {
    const added: TimelineEntry[] = [];
    let known = 0;
    const at = clock.now();
    for (const e of entries) {
      // What this Conn sent is already on its timeline (as a note, a handoff, an update): not doubled.
      if (e.connJobId && imports.hasJob(e.connJobId)) {
        known++;
        continue;
      }
      const entry = imports.add(incidentId, e, ids.next(), at);
      if (entry) added.push(entry);
    }
    if (added.length > 0) incidents.touch(incidentId, at);
    return { added, known };
  });

  /** Writes fetched entries; emits after COMMIT. */
  function write(incidentId: string, entries: RecordEntry[]): ImportResult {
    const { added, known } = writeTx.immediate(incidentId, entries);
    for (const e of added) bus.emit('timeline.appended', e);
    return { incidentId, fetched: entries.length, added: added.length, alreadyImported: entries.length - added.length - known, sentByConn: known };
  }

  return {
    write,
    async import({ incidentId }: OpParsed<'integrations.import'>): Promise<ImportResult> {
      const incident = incidents.get(incidentId);
      if (!incident) throw new AppError('not_found', `No incident with id ${incidentId}`);
      const t = incidentTargets(db, incident);
      const c = clients();
      const targets = {
        slackChannelId: c.slack ? t.slackChannelId : null,
        pagerdutyIncidentId: c.pagerduty ? t.pagerdutyIncidentId : null,
        freshdeskTicketId: c.freshdesk ? t.freshdeskTicketId : null,
      };
      if (!targets.slackChannelId && !targets.pagerdutyIncidentId && !targets.freshdeskTicketId) {
        throw new AppError('conflict', 'This incident has no connected Slack channel, PagerDuty incident or Freshdesk ticket to import from yet.');
      }
      let entries: RecordEntry[];
      try {
        entries = await readRecord(c, targets);
      } catch (err) {
        throw asAppError(err, 'Import failed');
      }
      return write(incidentId, entries);
    },
  };
}
export type RecordImportService = ReturnType<typeof recordImportService>;
