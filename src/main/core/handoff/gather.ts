// Fills HandoffFacts and SessionFacts from the session: roster, roles, checklist, notes, update clock, links.
import type Database from 'better-sqlite3';
import type { Incident } from '../../../shared/domain';
import { freshdeskAgentNumber, type Person } from '../../../shared/people';
import { AppError } from '../../../shared/result';
import { cadenceRepo } from '../db/repos/cadence';
import { hubsRepo } from '../db/repos/hubs';
import { checklistRepo } from '../db/repos/checklist';
import { incidentsRepo } from '../db/repos/incidents';
import { rolesRepo } from '../db/repos/roles';
import { sessionReadRepo, type SessionNote } from '../db/repos/sessionRead';
import { dueAtOf, isOpen } from '../reminders/cadence';
import { incidentTimeZone } from '../domain/actor';
import { rolesView } from '../domain/roles';
import type { SessionFacts, SessionFactsSource } from '../updates/sessionFacts';
import type { HandoffFacts, HandoffPerson } from './facts';
import { briefLinks, incidentTargets } from './targets';

const HYPOTHESIS = /^\s*(hypothesis|theory|working theory|we think|likely cause|suspect(ed)?)\b[:\s-]*/i;
const TRIED_KINDS = ['finding', 'action', 'command', 'decision'] as const;

export const handoffPerson = (p: Person): HandoffPerson => ({
  id: p.id,
  name: p.name,
  timeZone: p.timezone,
  pagerdutyUserId: p.pagerdutyUserId,
  slackUserId: p.slackUserId,
  freshdeskAgentId: freshdeskAgentNumber(p),
});

const firstLine = (s: string) => s.trim().split('\n')[0]!.trim();

const timeZoneOf = (db: Database.Database, incidentId: string): string => incidentTimeZone(db, incidentId);

/** The plain words of a runbook's community-facing steps, by step id (null when the runbook is unknown). */
export type CommunityStepsOf = (runbookId: string) => ReadonlyMap<string, string> | null;

export function sessionGatherer(db: Database.Database, communityOf: CommunityStepsOf = () => null) {
  const incidents = incidentsRepo(db);
  const roles = rolesRepo(db);
  const steps = checklistRepo(db);
  const hubs = hubsRepo(db);
  const read = sessionReadRepo(db);
  const cadence = cadenceRepo(db);

  const mustIncident = (id: string): Incident => {
    const i = incidents.get(id);
    if (!i) throw new AppError('not_found', `No incident with id ${id}`);
    return i;
  };

  const hypothesisOf = (notes: SessionNote[]): string | null => {
    const marked = [...notes].reverse().find((n) => HYPOTHESIS.test(n.body));
    if (marked) return marked.body.replace(HYPOTHESIS, '').trim() || marked.body.trim();
    return (
      [...notes]
        .reverse()
        .find((n) => n.kind === 'finding')
        ?.body.trim() ?? null
    );
  };

  const openSteps = (incidentId: string, commander: string | null) =>
    steps
      .list(incidentId)
      .filter((s) => s.state === 'todo' || s.state === 'in_progress' || s.state === 'blocked')
      .map((s) => {
        const who = s.state === 'in_progress' ? (read.stepStarter(incidentId, s.stepId) ?? commander) : null;
        const blocked = s.state === 'blocked' ? ` (blocked${s.reason ? `: ${s.reason}` : ''})` : '';
        return { title: `${s.title}${blocked}`, owner: who };
      });

  // What a public update says comes next: only the open steps the runbook marks community-facing, in its plain words.
  // Internal steps (resolve in PagerDuty, close the ticket, write the report) are the team's business.
  const communityNextSteps = (incident: Incident): string[] => {
    const words = communityOf(incident.runbookId);
    if (!words) return [];
    return steps
      .list(incident.id)
      .filter((s) => (s.state === 'todo' || s.state === 'in_progress' || s.state === 'blocked') && words.has(s.stepId))
      .slice(0, 8)
      .map((s) => words.get(s.stepId)!);
  };

  const nextDue = (incident: Incident, at: number | null): number | null => {
    const f = cadence.factFor(incident.id);
    if (!f || !isOpen(incident.status)) return null;
    return dueAtOf(at === null ? f : { ...f, lastPublicUpdateAt: at });
  };

  return {
    mustIncident,
    handoff(incidentId: string, from: Person | null, to: Person | null, liaisonMoves: boolean | null): HandoffFacts {
      const incident = mustIncident(incidentId);
      const view = rolesView(incidentId, roles.list(incidentId));
      const all = read.notes(incidentId, ['note', 'finding', 'action', 'command', 'decision', 'status'], 200);
      const status = [...all].reverse().find((n) => n.kind === 'status');
      const tried = all.filter((n) => (TRIED_KINDS as readonly string[]).includes(n.kind)).slice(-12);
      const due = nextDue(incident, null);
      const fromP = from ?? view.commander;
      const liaison = view.liaison;
      return {
        incident: {
          id: incident.id,
          title: incident.title,
          hub: incident.hub,
          affectedHubs: hubs
            .affected(incidentId)
            .filter((h) => !h.excluded)
            .map((h) => h.hubId),
          status: incident.status,
          declaredAt: incident.declaredAt,
        },
        from: fromP
          ? handoffPerson(fromP)
          : {
              id: '',
              name: 'The current commander',
              timeZone: null,
              pagerdutyUserId: null,
              slackUserId: null,
              freshdeskAgentId: null,
            },
        to: to ? handoffPerson(to) : null,
        currentState: status?.body ?? null,
        hypothesis: hypothesisOf(all),
        tried: tried.map((n) => ({
          at: new Date(n.at).toISOString(),
          text: n.kind === 'command' ? `Ran: ${firstLine(n.body)}` : n.body,
          result: null,
        })),
        openSteps: openSteps(incidentId, view.commander?.name ?? null),
        smes: view.smes.map((s) => ({ name: s.person.name, area: s.techLead ? 'Tech Lead' : null })),
        liaison: liaison ? { name: liaison.name, movesToNewCommander: liaisonMoves ?? view.liaisonIsCommander } : null,
        nextUpdateDueAt: due === null ? null : new Date(due).toISOString(),
        links: briefLinks(incidentTargets(db, incident)),
        timeZone: timeZoneOf(db, incidentId),
      };
    },
    /** The real SessionFacts source for status updates. */
    sessionFacts(): SessionFactsSource {
      return {
        forIncident(incidentId, now): SessionFacts {
          const incident = mustIncident(incidentId);
          const view = rolesView(incidentId, roles.list(incidentId));
          const all = read.notes(incidentId, ['finding', 'action', 'command', 'decision', 'status'], 200);
          const state = [...all].reverse().find((n) => n.kind === 'status');
          const t = incidentTargets(db, incident);
          return {
            incidentId,
            title: incident.title,
            hub: incident.hub,
            status: incident.status,
            currentState: state?.body.trim() ?? null,
            whatWasTried: all
              .filter((n) => n.kind === 'finding' || n.kind === 'action' || n.kind === 'command')
              .slice(-8)
              .map((n) => (n.kind === 'command' ? `Ran ${firstLine(n.body)}` : firstLine(n.body))),
            nextSteps: communityNextSteps(incident),
            nextUpdateAt: nextDue(incident, now),
            incidentUrl: t.pagerdutyUrl,
            ticketUrl: incident.ticketUrl,
            commander: view.commander?.name ?? null,
            timeZone: timeZoneOf(db, incidentId),
          };
        },
      };
    },
  };
}
export type SessionGatherer = ReturnType<typeof sessionGatherer>;
