// Where an incident lives at the vendors: PagerDuty incident, Slack channel, Freshdesk ticket, read from the
// results of its sent jobs and the links a take-over recorded. Also whether a vendor is (or is about to be) linked.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Incident } from '../../../shared/domain';
import type { Vendor } from '../../../shared/outbox';
import { incidentLinksRepo } from '../db/repos/incidentLinks';
import { outboxDispatchRepo } from '../db/repos/outboxDispatch';
import { linksFrom, ticketIdFromUrl } from '../outbox/links';

export interface IncidentTargets {
  pagerdutyIncidentId: string | null;
  pagerdutyUrl: string | null;
  slackChannelId: string | null;
  slackChannelName: string | null;
  ticketUrl: string | null;
  freshdeskTicketId: number | null;
}

const pdResult = z.object({ incidentId: z.string(), htmlUrl: z.string().optional() });

export function incidentTargets(db: Database.Database, incident: Incident): IncidentTargets {
  const sent = outboxDispatchRepo(db).sentResults(incident.id);
  const links = linksFrom(incident, sent);
  let pagerdutyUrl: string | null = null;
  for (const s of sent) {
    if (s.kind !== 'pagerduty.createIncident') continue;
    const r = pdResult.safeParse(s.result);
    if (r.success && r.data.htmlUrl) pagerdutyUrl = r.data.htmlUrl;
  }
  return {
    pagerdutyIncidentId: links.pagerdutyIncidentId ?? null,
    pagerdutyUrl,
    slackChannelId: links.slackChannelId ?? null,
    slackChannelName: links.slackChannelName ?? null,
    ticketUrl: incident.ticketUrl,
    freshdeskTicketId: ticketIdFromUrl(incident.ticketUrl) ?? null,
  };
}

/** A vendor is linked when its target exists or a job creating it is waiting to be sent. */
export function linkedVendors(
  db: Database.Database,
  incident: Incident,
  isConfigured: (v: Vendor) => boolean,
): { pagerduty: boolean; slack: boolean; freshdesk: boolean } {
  const t = incidentTargets(db, incident);
  const links = incidentLinksRepo(db);
  const pending = (kind: string) => links.hasPending(incident.id, kind);
  return {
    pagerduty: isConfigured('pagerduty') && (t.pagerdutyIncidentId !== null || pending('pagerduty.createIncident')),
    slack: isConfigured('slack') && (t.slackChannelId !== null || pending('slack.createChannel')),
    freshdesk: isConfigured('freshdesk') && t.freshdeskTicketId !== null,
  };
}

/** How the brief names the links: the PagerDuty URL, `#channel (C123)`, the ticket URL. */
export function briefLinks(t: IncidentTargets): {
  pagerduty: string | null;
  slackChannel: string | null;
  ticket: string | null;
} {
  const slack = t.slackChannelId ? `#${t.slackChannelName ?? 'incident-channel'} (${t.slackChannelId})` : null;
  return {
    pagerduty: t.pagerdutyUrl ?? (t.pagerdutyIncidentId ? `PagerDuty incident ${t.pagerdutyIncidentId}` : null),
    slackChannel: slack,
    ticket: t.ticketUrl,
  };
}
