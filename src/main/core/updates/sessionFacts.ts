// SessionFacts: what a status update may say about an incident. The provisional source reads only
// incidents and timeline_entries; the integrator replaces it with one backed by notes, roles and checklist.
import type { IncidentStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { PlaceholderName } from '../../../shared/reminders';
import { dueAtOf, isOpen } from '../reminders/cadence';
import type { CadenceRepo } from '../db/repos/cadence';
import type { UpdateFactsRepo } from '../db/repos/updateFacts';

export interface SessionFacts {
  incidentId: string;
  title: string;
  hub: string | null;
  status: IncidentStatus;
  /** The latest status or hypothesis note, in one or two sentences. */
  currentState: string | null;
  /** Findings and actions taken, oldest first (each one line). */
  whatWasTried: string[];
  /** Open checklist steps or planned actions (each one line, owner in the text if known). */
  nextSteps: string[];
  /** When the next public update is due if one is sent now (epoch ms), or null when the incident is not open. */
  nextUpdateAt: number | null;
  incidentUrl: string | null; // PagerDuty incident
  ticketUrl: string | null; // Freshdesk ticket
  commander: string | null; // display name of the incident commander
  /** IANA zone every time in the update is given in (the incident's report timezone). */
  timeZone: string;
}

export interface SessionFactsSource {
  forIncident(incidentId: string, now: number): SessionFacts;
}

/** Reads incidents + timeline only: notes (source 'note') of kind status/hypothesis/finding/action. */
export function provisionalSessionFacts(facts: UpdateFactsRepo, cadence: CadenceRepo): SessionFactsSource {
  return {
    forIncident(incidentId, now) {
      const incident = facts.incident(incidentId);
      const clock = cadence.factFor(incidentId);
      if (!incident || !clock) throw new AppError('not_found', `No incident with id ${incidentId}`);
      const state = facts.latestNote(incidentId, ['status', 'hypothesis']);
      return {
        incidentId,
        title: incident.title,
        hub: incident.hub,
        status: incident.status,
        currentState: state,
        whatWasTried: facts.notes(incidentId, ['finding', 'action', 'command'], 8),
        nextSteps: facts.notes(incidentId, ['next_step', 'todo'], 8),
        nextUpdateAt: isOpen(incident.status) ? dueAtOf({ ...clock, lastPublicUpdateAt: now }) : null,
        incidentUrl: null,
        ticketUrl: incident.ticketUrl,
        commander: null,
        timeZone: 'UTC',
      };
    },
  };
}

const bullets = (lines: string[]) => (lines.length ? lines.map((l) => `- ${l}`).join('\n') : null);

export function formatClockTime(ms: number, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    ms,
  );
  return `${text} ${timeZone}`;
}

/** The template values for each placeholder; null means "not known in this session". */
export function templateValues(f: SessionFacts): Record<PlaceholderName, string | null> {
  return {
    title: f.title,
    hub: f.hub,
    current_state: f.currentState,
    what_was_tried: bullets(f.whatWasTried),
    next_steps: bullets(f.nextSteps),
    next_update_time: f.nextUpdateAt === null ? null : formatClockTime(f.nextUpdateAt, f.timeZone),
    incident_url: f.incidentUrl,
    ticket_url: f.ticketUrl,
    commander: f.commander,
  };
}
