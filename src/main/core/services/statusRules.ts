// Incident status follows the record: a PagerDuty incident triggered or acknowledged makes a declared incident
// active; PagerDuty resolved (or the resolve step done) makes it resolved. Only ever forward, each change a timeline
// entry that says it was automatic, so a commander who disagrees sets the status by hand (which then stands).
import type { ChecklistStep } from '../../../shared/checklist';
import { incidentStatuses, type IncidentStatus, type TimelineEntry } from '../../../shared/domain';
import type { JobKind } from '../../../shared/outbox';
import type { ActionType, CheckType } from '../../../shared/runbook';
import { incidentsRepo } from '../db/repos/incidents';
import { timelineRepo } from '../db/repos/timeline';
import type { ServiceDeps } from '../ports';

type Target = Extract<IncidentStatus, 'active' | 'resolved'>;

const byAction: Partial<Record<ActionType, Target>> = {
  trigger_pagerduty: 'active',
  acknowledge_pagerduty: 'active',
  resolve_pagerduty: 'resolved',
};
const byCheck: Partial<Record<CheckType, Target>> = {
  pagerduty_incident_exists: 'active',
  pagerduty_acknowledged: 'active',
  pagerduty_resolved: 'resolved',
};
const byJob: Partial<Record<JobKind, Target>> = {
  'pagerduty.createIncident': 'active',
  'pagerduty.acknowledge': 'active',
  'pagerduty.resolve': 'resolved',
};

/** The status a finished step implies, if any (its action or its check names what happened at PagerDuty). */
export function statusForStep(step: Pick<ChecklistStep, 'action' | 'check'>): Target | null {
  return (step.action && byAction[step.action.type]) ?? (step.check && byCheck[step.check.type]) ?? null;
}

/** The status a request PagerDuty accepted implies, if any. */
export const statusForJob = (kind: JobKind): Target | null => byJob[kind] ?? null;

const words = (s: IncidentStatus) => s.replace(/_/g, ' ');
const rank = (s: IncidentStatus) => incidentStatuses.indexOf(s);

export function statusRules({ db, clock, ids }: Pick<ServiceDeps, 'db' | 'clock' | 'ids'>) {
  const incidents = incidentsRepo(db);
  const timeline = timelineRepo(db);
  return {
    /**
     * Moves the incident forward to `to` when it is behind it (call inside the transaction that recorded the cause);
     * returns the timeline entry to emit, or null when nothing changed.
     */
    advanceInTx(incidentId: string, to: Target, because: string, at = clock.now()): TimelineEntry | null {
      const incident = incidents.get(incidentId);
      if (!incident) return null;
      // Active only from declared; resolved from anything before it. Never backwards: a reopen is the commander's call.
      if (rank(incident.status) >= rank(to)) return null;
      incidents.setStatus(incidentId, to, at);
      const then = to === 'resolved' ? ' Impact end is proposed in the report header.' : '';
      return timeline.append({
        id: ids.next(),
        incidentId,
        at,
        source: 'status',
        kind: 'status_changed',
        body:
          `Status: ${words(incident.status)} → ${words(to)} (automatic: ${because}; set it by hand if that is ` +
          `wrong).${then}`,
        actor: 'Conn',
        recordedAt: at,
      });
    },
  };
}
export type StatusRules = ReturnType<typeof statusRules>;
