// Use case integrations.import: pull an incident's Slack channel (with thread replies), PagerDuty log and notes,
// and Freshdesk conversation into its timeline, once each (re-imports add only what is new).
import type { OpParsed } from '../../../shared/contract';
import type { TimelineEntry } from '../../../shared/domain';
import type { ImportResult, ImportSource, SourceOutcome } from '../../../shared/ops/recordImport';
import { AppError } from '../../../shared/result';
import { githubLinksRepo } from '../db/repos/githubLinks';
import { importsRepo } from '../db/repos/imports';
import { incidentsRepo } from '../db/repos/incidents';
import { incidentTargets } from '../handoff/targets';
import type { ClientsPort } from '../importer/clients';
import { asAppError, sourceOutcomes } from '../importer/errors';
import { importedNearby, withoutSharedEchoes } from '../importer/echoes';
import { gitHubHostsOf, gitHubLinksIn, readRecordBySource, type RecordEntry } from '../importer/record';
import type { ServiceDeps } from '../ports';

export function recordImportService({ db, clock, ids, bus }: ServiceDeps, clients: ClientsPort) {
  const imports = importsRepo(db);
  const incidents = incidentsRepo(db);
  const githubLinks = githubLinksRepo(db);

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
  function write(incidentId: string, entries: RecordEntry[], sources: SourceOutcome[] = []): ImportResult {
    // A note shared to both Slack and PagerDuty is imported once (see importer/echoes.ts).
    const { added, known } = writeTx.immediate(
      incidentId,
      withoutSharedEchoes(entries, importedNearby(db, incidentId, entries)),
    );
    for (const e of added) bus.emit('timeline.appended', e);
    return {
      incidentId,
      fetched: entries.length,
      added: added.length,
      alreadyImported: entries.length - added.length - known,
      sentByConn: known,
      sources,
    };
  }

  return {
    write,
    /** Each source imports or fails on its own; `sources` limits the read (a retry of the ones that failed). */
    async import({ incidentId, sources }: OpParsed<'integrations.import'>): Promise<ImportResult> {
      const incident = incidents.get(incidentId);
      if (!incident) throw new AppError('not_found', `No incident with id ${incidentId}`);
      const t = incidentTargets(db, incident);
      const c = clients();
      const wanted = (s: ImportSource) => !!c[s] && (!sources || sources.includes(s));
      const targets = {
        slackChannelId: wanted('slack') ? t.slackChannelId : null,
        pagerdutyIncidentId: wanted('pagerduty') ? t.pagerdutyIncidentId : null,
        freshdeskTicketId: wanted('freshdesk') ? t.freshdeskTicketId : null,
        // GitHub: the issues and pull requests linked from this record, and from what the others read now.
        githubLinks: wanted('github') ? gitHubLinksIn(githubLinks.textsWithLinks(incidentId), gitHubHostsOf(c)) : null,
      };
      if (
        !targets.slackChannelId &&
        !targets.pagerdutyIncidentId &&
        !targets.freshdeskTicketId &&
        !targets.githubLinks?.length
      ) {
        throw new AppError(
          'conflict',
          sources
            ? `This incident has nothing to import from ${sources.join(', ')} (not connected, or no channel, ` +
                `incident or ticket linked).`
            : 'This incident has no connected Slack channel, PagerDuty incident or Freshdesk ticket to import from ' +
                'yet.',
        );
      }
      const r = await readRecordBySource(c, targets);
      const outcomes = sourceOutcomes(r.read, r.failures);
      // Nothing could be read at all: the import failed, and says why (per source in the details).
      if (r.read.length === 0) {
        const first = asAppError(r.failures[0]!.error, 'Import failed');
        throw new AppError(first.code, first.message, {
          ...((first.details as object | undefined) ?? {}),
          sources: outcomes,
        });
      }
      return write(incidentId, r.entries, outcomes);
    },
  };
}
export type RecordImportService = ReturnType<typeof recordImportService>;
