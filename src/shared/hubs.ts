// The hub registry, an incident's blast radius and its hubs' health: the shapes every layer shares.

export interface RegistryCluster {
  name: string;
  provider: string;
  region: string | null;
  /** The provider block as imported (unknown keys kept). */
  providerConfig: Record<string, unknown>;
  sourceFile: string | null;
  importedAt: string;
}

export interface RegistryHub {
  /** '<cluster>/<name>' */
  id: string;
  cluster: string;
  name: string;
  displayName: string;
  domain: string;
  helmChart: string | null;
  provider: string;
  region: string | null;
  /** The community the hub serves; null for hubs that serve none (staging). */
  community: string | null;
  freshdeskCompany: string | null;
  requesterEmail: string | null;
  updatedAt: string;
}

export interface RegistryView {
  clusters: RegistryCluster[];
  hubs: RegistryHub[];
}

export interface ImportSummary {
  clusters: string[];
  added: number;
  updated: number;
  removed: number;
  hubs: number;
}

export const scopeKinds = ['hub', 'cluster', 'region'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

export type HubState = 'up' | 'down' | 'unknown';

export interface AffectedHub {
  hubId: string;
  name: string;
  cluster: string;
  domain: string;
  community: string | null;
  origin: 'scope' | 'manual';
  excluded: boolean;
}

export interface IncidentScope {
  incidentId: string;
  scope: { kind: ScopeKind; value: string; setAt: string } | null;
  hubs: AffectedHub[];
  /** Distinct communities of the included hubs. */
  communities: string[];
  /** Who has been told what, per community, and the progress of the latest message. */
  told: CommunitiesTold;
}

export interface HubHealth {
  hubId: string;
  name: string;
  domain: string;
  community: string | null;
  state: HubState | 'pending';
  since: string | null;
  lastCheckedAt: string | null;
  detail: string;
}

export interface HealthView {
  incidentId: string;
  /** False when probing is turned off in the settings. */
  enabled: boolean;
  intervalMs: number;
  hubs: HubHealth[];
}

export interface ImpactMark {
  at: string;
  evidence: string;
}

export interface ImpactProposal {
  incidentId: string;
  start: ImpactMark | null;
  end: ImpactMark | null;
  /** Why no end yet, in plain words (null when proposed). */
  endPending: string | null;
  exitWindowMinutes: number;
  accepted: { start: string; end: string | null };
}

export interface HealthSettings {
  enabled: boolean;
  /** Fetched when a hub fails, to tell "the hub is down" from "our network is down". */
  referenceUrl: string;
  /** Exit criterion per runbook id: minutes all affected hubs must pass. */
  exitWindowMinutes: Record<string, number>;
}

/**
 * How an affected community is told: on the incident's own ticket (the incident's hub is theirs), on the ticket Conn
 * opened for them, by a new ticket at the next message, or not at all (no requester e-mail in the registry).
 */
export type CommunityChannel = 'incident_ticket' | 'own_ticket' | 'new_ticket' | 'no_contact';

export interface CommunityTold {
  community: string;
  hubIds: string[];
  email: string | null;
  via: CommunityChannel;
  /** The Freshdesk ticket it is told on, once known. */
  ticketId: number | null;
  /** When Freshdesk last accepted a message to it (null: never yet). */
  lastToldAt: string | null;
  /** Its messages still on their way, and those that failed (dead or needing you). */
  pending: number;
  failed: number;
}

export interface CommunitiesTold {
  communities: CommunityTold[];
  /** The latest message fanned out: how many of the communities it went to Freshdesk has accepted. */
  progress: { told: number; total: number; pending: number; failed: number; at: string } | null;
  /** The community told longest ago (never told counts as stalest): the update reminder runs on it. */
  stalest: { community: string; lastToldAt: string | null } | null;
}
