// People and incident roles: the local roster and who holds which duty in an incident.

/** True when the runtime knows this IANA timezone name (e.g. "Europe/Berlin"). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$|^UTC$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface WorkingHours {
  /** "HH:MM" in the person's own timezone. */
  start: string;
  end: string;
}

export interface Person {
  id: string;
  name: string;
  email: string | null;
  timezone: string;
  pagerdutyUserId: string | null;
  slackUserId: string | null;
  freshdeskAgentId: string | null;
  workingHours: WorkingHours | null;
  /** Removed from the roster; kept so past incidents still name them. */
  removed: boolean;
}

/** A person's Freshdesk agent id as the API takes it (a number); null when unset or not all digits. */
export const freshdeskAgentNumber = (p: Pick<Person, 'freshdeskAgentId'>): number | null =>
  p.freshdeskAgentId !== null && /^\d+$/.test(p.freshdeskAgentId) ? Number(p.freshdeskAgentId) : null;

export const roleKinds = [
  'incident_commander',
  'external_liaison',
  'subject_matter_expert',
  'support_triager',
] as const;
export type RoleKind = (typeof roleKinds)[number];

export const roleLabels: Record<RoleKind, string> = {
  incident_commander: 'Incident Commander',
  external_liaison: 'External Liaison',
  subject_matter_expert: 'Subject Matter Expert',
  support_triager: 'Support Triager',
};

/** Roles held by one person at a time; the others may have many holders. */
export const singleHolderRoles: readonly RoleKind[] = ['incident_commander', 'external_liaison'];

export interface RoleAssignment {
  role: RoleKind;
  person: Person;
  techLead: boolean;
  assignedAt: string;
}

export interface IncidentRoles {
  incidentId: string;
  commander: Person | null;
  /** The assigned liaison, or the commander when nobody else was given the duty. */
  liaison: Person | null;
  liaisonIsCommander: boolean;
  smes: Array<{ person: Person; techLead: boolean }>;
  triagers: Person[];
}
