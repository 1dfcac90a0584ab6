// HandoffFacts: everything the handoff brief says. Pure data; the integrator fills it from the
// roster, roles, checklist, notes and integration links once those tables exist.
import type { IncidentStatus } from '../../../shared/domain';

export interface HandoffPerson {
  id: string;
  name: string;
  /** IANA zone, for "their local time" and the working-hours warning. */
  timeZone: string | null;
  pagerdutyUserId: string | null;
  slackUserId: string | null;
  freshdeskAgentId: number | null;
}

export interface HandoffFacts {
  incident: {
    id: string;
    title: string;
    hub: string | null;
    /** The blast radius: ids of the registry hubs recorded as affected (excluded ones left out). */
    affectedHubs: string[];
    status: IncidentStatus;
    declaredAt: string;
  };
  /** The commander handing over. */
  from: HandoffPerson;
  /** The proposed new commander, when one is picked. */
  to: HandoffPerson | null;
  /** Where things stand now (latest status note), one or a few sentences. */
  currentState: string | null;
  /** The working hypothesis about the cause, if any. */
  hypothesis: string | null;
  /** Findings, commands and actions so far, oldest first. `at` is ISO-8601 UTC. */
  tried: Array<{ at: string; text: string; result: string | null }>;
  /** Open checklist steps and follow-ups with who is on them (null owner = nobody yet). */
  openSteps: Array<{ title: string; owner: string | null }>;
  /** Subject Matter Experts involved (the Tech Lead among them). */
  smes: Array<{ name: string; area: string | null }>;
  /** Who keeps the community informed, and whether that duty moves with this handoff. */
  liaison: { name: string; movesToNewCommander: boolean } | null;
  /** ISO-8601 UTC, or null when no update is owed (incident not open). */
  nextUpdateDueAt: string | null;
  links: { pagerduty: string | null; slackChannel: string | null; ticket: string | null };
  /** The one timezone every time in the brief is given in. */
  timeZone: string;
}
