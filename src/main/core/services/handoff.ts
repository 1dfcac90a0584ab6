// Use cases for handing off command: draft the brief, send it (handoff row, outbox jobs, timeline, roles in ONE
// transaction), and report each part's state. A failed part is retried alone with outbox.retry.
import type { OpParsed } from '../../../shared/contract';
import type { TimelineEntry } from '../../../shared/domain';
import type {
  HandoffCandidate,
  HandoffDraft,
  HandoffPart,
  HandoffSent,
  HandoffStatus,
} from '../../../shared/ops/handoff';
import type { OutboxJob, Vendor } from '../../../shared/outbox';
import { freshdeskAgentNumber, type Person } from '../../../shared/people';
import { AppError } from '../../../shared/result';
import { handoffsRepo, type HandoffRow } from '../db/repos/handoffs';
import { outboxRepo } from '../db/repos/outbox';
import { peopleRepo } from '../db/repos/people';
import { rolesRepo } from '../db/repos/roles';
import { timelineRepo } from '../db/repos/timeline';
import { buildBrief } from '../handoff/brief';
import { sessionGatherer } from '../handoff/gather';
import {
  DEFAULT_WORKING_HOURS,
  handoffJobs,
  handoffPartLabel,
  isOutsideWorkingHours,
  validateHandoff,
} from '../handoff/rules';
import { linkedVendors } from '../handoff/targets';
import { isValidTimeZone } from '../../../shared/zonedTime';
import type { ServiceDeps } from '../ports';
import { whoAmI } from '../domain/actor';
import { rolesView } from '../domain/roles';
import { refuseRerun } from './rerun';
import type { RolesService } from './roles';

export const HANDOFF_REF = 'handoff';

export function localTimeText(ms: number, timeZone: string): string {
  const tz = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(ms);
}

export interface HandoffDeps extends ServiceDeps {
  roles: RolesService;
  isConfigured: (v: Vendor) => boolean;
}

export function handoffService({ db, clock, ids, bus, roles, isConfigured }: HandoffDeps) {
  const gather = sessionGatherer(db);
  const people = peopleRepo(db);
  const outbox = outboxRepo(db);
  const handoffs = handoffsRepo(db);
  const timeline = timelineRepo(db);
  const roleRows = rolesRepo(db);

  // Only for people who set their hours: guessing nine-to-five for everyone warned about people who work nights.
  const outside = (p: Person, now: number) =>
    p.workingHours !== null &&
    p.workingHours !== undefined &&
    isValidTimeZone(p.timezone) &&
    isOutsideWorkingHours(p.timezone, { ...DEFAULT_WORKING_HOURS, ...p.workingHours }, now);

  const statusOf = (h: HandoffRow): HandoffStatus => {
    const jobs = outbox.forRef(HANDOFF_REF, h.id);
    const parts: HandoffPart[] = jobs.map((j) => ({
      jobId: j.id,
      kind: j.kind,
      label: handoffPartLabel(j),
      state: j.state,
      lastError: j.lastError,
    }));
    return {
      handoffId: h.id,
      incidentId: h.incident_id,
      fromPersonId: h.from_person_id,
      toPersonId: h.to_person_id,
      toName: people.get(h.to_person_id)?.name ?? h.to_person_id,
      at: new Date(h.created_at).toISOString(),
      parts,
      complete: parts.every((p) => p.state === 'sent' || p.state === 'discarded'),
      failed: parts.filter((p) => p.state === 'dead').length,
    };
  };

  // A handoff's parts are outbox jobs: tell the UI when one of them changes.
  bus.subscribe((name, payload) => {
    if (name !== 'outbox.changed') return;
    const job = payload as OutboxJob;
    if (job.refType !== HANDOFF_REF || !job.refId) return;
    const h = handoffs.get(job.refId);
    if (h) bus.emit('handoff.changed', statusOf(h));
  });

  const commanderOf = (incidentId: string) => rolesView(incidentId, roleRows.list(incidentId));

  const sendTx = db.transaction(
    (input: OpParsed<'handoff.send'>, to: Person, fromId: string | null, liaisonMoves: boolean) => {
      const incident = gather.mustIncident(input.incidentId);
      const at = clock.now();
      const id = ids.next();
      handoffs.insert({
        id,
        incidentId: incident.id,
        fromPersonId: fromId,
        toPersonId: to.id,
        brief: input.brief,
        liaisonMoves,
        at,
      });
      const planned = handoffJobs({
        brief: input.brief,
        to: { name: to.name, pagerdutyUserId: to.pagerdutyUserId, freshdeskAgentId: freshdeskAgentNumber(to) },
        linked: linkedVendors(db, incident, isConfigured),
        liaisonMoves,
      });
      for (const p of planned)
        outbox.enqueue({
          id: ids.next(),
          incidentId: incident.id,
          kind: p.kind,
          payload: p.payload,
          refType: HANDOFF_REF,
          refId: id,
          at,
        } as Parameters<typeof outbox.enqueue>[0]);
      const view = commanderOf(incident.id);
      const fromName = view.commander?.name ?? whoAmI(db)?.name ?? 'The commander';
      const entries: TimelineEntry[] = [
        timeline.append({
          id: ids.next(),
          incidentId: incident.id,
          at,
          source: 'role',
          kind: 'handoff',
          body: `${fromName} handed command to ${to.name}${
            liaisonMoves ? ', with the community liaison duty' : ''
          }. The brief went out with it.`,
          actor: whoAmI(db)?.name ?? null,
          refId: id,
          recordedAt: at,
        }),
      ];
      const ic = roles.assignInTx(incident.id, 'incident_commander', to.id, undefined, at);
      if (ic) entries.push(ic);
      // An explicitly delegated liaison moves only when asked; an implicit one (the commander) follows command.
      const explicitLiaison = roleRows.list(incident.id).find((a) => a.role === 'external_liaison');
      if (liaisonMoves && explicitLiaison && explicitLiaison.person.id !== to.id) {
        const l = roles.assignInTx(incident.id, 'external_liaison', to.id, undefined, at);
        if (l) entries.push(l);
      }
      const h = handoffs.get(id)!;
      return { status: statusOf(h), entries, jobs: outbox.forRef(HANDOFF_REF, id) };
    },
  );

  return {
    draft(input: OpParsed<'handoff.draft'>): HandoffDraft {
      const incident = gather.mustIncident(input.incidentId);
      const now = clock.now();
      const view = commanderOf(incident.id);
      const from = view.commander ?? whoAmI(db);
      const to = input.toPersonId ? (people.get(input.toPersonId) ?? null) : null;
      if (input.toPersonId && (!to || to.removed))
        throw new AppError('not_found', `No person with id ${input.toPersonId} in the roster.`);
      const liaisonMoves = input.liaisonMoves ?? view.liaisonIsCommander;
      const facts = gather.handoff(incident.id, from, to, liaisonMoves);
      const pdConnected = isConfigured('pagerduty');
      const candidates: HandoffCandidate[] = people.list().map((p) => ({
        personId: p.id,
        name: p.name,
        timeZone: p.timezone,
        localTime: localTimeText(now, p.timezone),
        outsideWorkingHours: outside(p, now),
        hasPagerdutyUser: p.pagerdutyUserId !== null,
        isCommander: p.id === view.commander?.id,
      }));
      const warnings: string[] = [];
      if (to && outside(to, now))
        warnings.push(
          `It is ${localTimeText(now, to.timezone)} for ${to.name} (${to.timezone}): outside their working hours.`,
        );
      if (to && pdConnected && !to.pagerdutyUserId)
        warnings.push(`${to.name} has no PagerDuty user in the roster, so PagerDuty cannot be reassigned to them.`);
      const linked = linkedVendors(db, incident, isConfigured);
      // What a send would write to someone with every vendor id (the warnings above say when they lack one).
      const parts = handoffJobs({
        brief: '',
        to: { name: to?.name ?? '', pagerdutyUserId: 'anyone', freshdeskAgentId: 0 },
        linked,
        liaisonMoves,
      }).map((j) => j.label);
      return {
        incidentId: incident.id,
        brief: buildBrief(facts),
        fromPersonId: from?.id ?? null,
        fromName: from?.name ?? null,
        toPersonId: to?.id ?? null,
        candidates,
        warnings,
        liaisonMoves,
        pagerdutyConnected: pdConnected,
        parts: [...parts, 'Record the handoff and make them commander here'],
      };
    },
    send(input: OpParsed<'handoff.send'>): HandoffSent {
      gather.mustIncident(input.incidentId);
      const view = commanderOf(input.incidentId);
      const fromId = view.commander?.id ?? whoAmI(db)?.id ?? null;
      const to = input.toPersonId ? people.get(input.toPersonId) : undefined;
      if (input.toPersonId && (!to || to.removed))
        throw new AppError('not_found', `No person with id ${input.toPersonId} in the roster.`);
      // A second press is not a second handoff: the same handoff again is refused unless `again` says so.
      const last = handoffs.latest(input.incidentId);
      if (last && to && last.to_person_id === to.id) {
        // A handoff with no vendor part (nothing linked yet) was still done: it counts as sent.
        const parts = outbox.forRef(HANDOFF_REF, last.id);
        const done = parts.length
          ? parts
          : [{ state: 'sent' as const, updatedAt: new Date(last.created_at).toISOString() }];
        refuseRerun(done, input.again === true, `The handoff to ${to.name}`, { handoffId: last.id });
      }
      const verdict = validateHandoff({
        from: fromId,
        to: to?.id ?? null,
        confirmed: input.confirmed,
        pagerdutyConnected: isConfigured('pagerduty'),
        toHasPagerdutyUser: !!to?.pagerdutyUserId,
      });
      if (!verdict.ok)
        throw new AppError(
          verdict.reason === 'to_self' || verdict.reason === 'to_nobody' ? 'invalid_input' : 'conflict',
          verdict.message,
          { reason: verdict.reason },
        );
      const { status, entries, jobs } = sendTx.immediate(
        input,
        to!,
        fromId,
        input.liaisonMoves ?? view.liaisonIsCommander,
      );
      for (const e of entries) bus.emit('timeline.appended', e);
      for (const j of jobs) bus.emit('outbox.changed', j);
      bus.emit('roles.changed', roles.list(input.incidentId));
      bus.emit('incidents.updated', gather.mustIncident(input.incidentId));
      bus.emit('handoff.recorded', status);
      return { ...status, entries };
    },
    status(input: OpParsed<'handoff.status'>): HandoffStatus {
      if ('handoffId' in input) {
        const h = handoffs.get(input.handoffId);
        if (!h) throw new AppError('not_found', `No handoff with id ${input.handoffId}`);
        return statusOf(h);
      }
      gather.mustIncident(input.incidentId);
      const h = handoffs.latest(input.incidentId);
      if (!h) throw new AppError('not_found', 'This incident has not been handed off yet.');
      return statusOf(h);
    },
  };
}
export type HandoffService = ReturnType<typeof handoffService>;
