// Use cases for incidents: declare (incident, classification, checklist, commander: one transaction),
// read, list, and the lifecycle (status changes stamped on the timeline).
import type { OpParsed } from '../../../shared/contract';
import { incidentStatuses, type Incident, type IncidentStatus, type TimelineEntry } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { DEFAULT_RUNBOOK_ID, verdictFor } from '../../../shared/runbook';
import { checklistRepo } from '../db/repos/checklist';
import { incidentsRepo } from '../db/repos/incidents';
import { timelineRepo } from '../db/repos/timeline';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import type { RolesService } from './roles';
import type { RunbooksService } from './runbooks';

const statusWords = (s: IncidentStatus) => s.replace(/_/g, ' ');
/** Impact start may be a little ahead of our clock (another machine's clock), never more. */
const FUTURE_SLACK_MS = 5 * 60_000;

export function incidentsService({ db, clock, ids, bus }: ServiceDeps, runbooks: RunbooksService, roles: RolesService) {
  const incidents = incidentsRepo(db);
  const timeline = timelineRepo(db);
  const checklist = checklistRepo(db);

  const mustGet = (id: string): Incident => {
    const found = incidents.get(id);
    if (!found) throw new AppError('not_found', `No incident with id ${id}`);
    return found;
  };

  const declareTx = db.transaction((input: OpParsed<'incidents.declare'>) => {
    const at = clock.now();
    const { runbook } = runbooks.get(input.runbookId ?? DEFAULT_RUNBOOK_ID);
    const questionIds = new Set(runbook.criteria.questions.map((q) => q.id));
    const answers = input.classification ?? {};
    const unknown = Object.keys(answers).filter((k) => !questionIds.has(k));
    if (unknown.length) {
      const fields = unknown.map((k) => ({
        path: `classification.${k}`,
        message: `runbook "${runbook.id}" has no question "${k}"`,
      }));
      throw new AppError('invalid_input', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
    }
    const impactStartAt = input.impactStart ? Date.parse(input.impactStart) : at;
    if (impactStartAt > at + FUTURE_SLACK_MS) {
      const fields = [{ path: 'impactStart', message: 'impact start is in the future' }];
      throw new AppError('invalid_input', 'impactStart: impact start is in the future', { fields });
    }
    const classification =
      runbook.criteria.questions.length > 0 || input.classification
        ? { answers, verdict: verdictFor(runbook.criteria, answers) }
        : null;

    const id = ids.next();
    incidents.insert({
      id,
      title: input.title,
      hub: input.hub ?? null,
      ticketUrl: input.ticketUrl ?? null,
      at,
      runbookId: runbook.id,
      runbookVersion: runbook.version,
      impactStartAt,
      classification,
    });
    const actor = whoAmI(db)?.name ?? null;
    const entries: TimelineEntry[] = [
      timeline.append({
        id: ids.next(),
        incidentId: id,
        at,
        source: 'system',
        kind: 'declared',
        body: `Incident declared: ${input.title}`,
        actor,
        recordedAt: at,
      }),
    ];
    if (input.classification) {
      const yes = runbook.criteria.questions.filter((q) => answers[q.id]).map((q) => q.text);
      const body =
        classification?.verdict === 'incident'
          ? `Meets the incident criteria: ${yes.join('; ')}`
          : 'Declared although no incident criterion was met (would otherwise be a support ticket)';
      entries.push(
        timeline.append({
          id: ids.next(),
          incidentId: id,
          at,
          source: 'system',
          kind: 'classified',
          body,
          actor,
          recordedAt: at,
        }),
      );
    }
    checklist.instantiate(id, runbook.steps, at);
    if (input.commander) {
      const e = roles.assignInTx(id, 'incident_commander', input.commander, undefined, at);
      if (e) entries.push(e);
    }
    return { created: mustGet(id), entries };
  });

  const setStatusTx = db.transaction((input: OpParsed<'incidents.setStatus'>) => {
    const current = mustGet(input.incidentId);
    const from = incidentStatuses.indexOf(current.status);
    const to = incidentStatuses.indexOf(input.status);
    if (from === to)
      throw new AppError('conflict', `The incident is already ${statusWords(current.status)}.`, { incident: current });
    const reopening = to < from;
    if (reopening && !input.reopen) {
      throw new AppError(
        'conflict',
        `Going back from ${statusWords(current.status)} to ${statusWords(input.status)} reopens the incident: ` +
          `confirm with reopen: true.`,
        { incident: current },
      );
    }
    const at = clock.now();
    incidents.setStatus(current.id, input.status, at);
    const what = reopening ? 'Reopened' : 'Status';
    const body = `${what}: ${statusWords(current.status)} → ${statusWords(input.status)}${
      input.note ? ` (${input.note})` : ''
    }`;
    const entry = timeline.append({
      id: ids.next(),
      incidentId: current.id,
      at,
      source: 'status',
      kind: reopening ? 'reopened' : 'status_changed',
      body,
      actor: whoAmI(db)?.name ?? null,
      recordedAt: at,
    });
    return { updated: mustGet(current.id), entry };
  });

  return {
    declare(input: OpParsed<'incidents.declare'>): Incident {
      const { created, entries } = declareTx.immediate(input);
      bus.emit('incidents.declared', created);
      for (const e of entries) bus.emit('timeline.appended', e);
      if (input.commander) bus.emit('roles.changed', roles.list(created.id));
      return created;
    },
    list(): Incident[] {
      return incidents.list();
    },
    get: mustGet,
    setStatus(input: OpParsed<'incidents.setStatus'>): Incident {
      const { updated, entry } = setStatusTx.immediate(input);
      bus.emit('incidents.updated', updated);
      bus.emit('timeline.appended', entry);
      return updated;
    },
  };
}
export type IncidentsService = ReturnType<typeof incidentsService>;
