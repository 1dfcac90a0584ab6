// An incident's vendor links (Slack channel, PagerDuty incident, Freshdesk ticket), read from the results of
// its sent jobs. Executors must return results in these shapes for later jobs to find their target.
import { z } from 'zod';
import type { Incident } from '../../../shared/domain';
import { vendorOf, type JobKind } from '../../../shared/outbox';
import { publishedReport, type PublishedReport } from '../../../shared/publish';

/** What `slack.createChannel` and `pagerduty.createIncident` executors must return as their result. */
export const linkResults = {
  'slack.createChannel': z.object({ channelId: z.string().min(1), name: z.string().optional() }),
  'pagerduty.createIncident': z.object({ incidentId: z.string().min(1), htmlUrl: z.string().optional() }),
  'freshdesk.createTicket': z.object({ ticketId: z.number().int(), community: z.string().min(1) }),
} as const;

export interface IncidentLinks {
  slackChannelId?: string;
  slackChannelName?: string;
  pagerdutyIncidentId?: string;
  freshdeskTicketId?: number;
  /** Tickets Conn opened for affected communities (`freshdesk.createTicket`), by community. */
  communityTickets?: Record<string, number>;
  /** The report's pull request as the last sent `github.publishReport` left it. */
  reportPull?: PublishedReport;
}

export function ticketIdFromUrl(url: string | null | undefined): number | undefined {
  const m = url ? /\/tickets\/(\d+)/.exec(url) : null;
  return m ? Number(m[1]) : undefined;
}

export function linksFrom(
  incident: Pick<Incident, 'ticketUrl'> | undefined,
  sent: Array<{ kind: string; result: unknown }>,
): IncidentLinks {
  const links: IncidentLinks = { freshdeskTicketId: ticketIdFromUrl(incident?.ticketUrl) };
  for (const s of sent) {
    if (s.kind === 'slack.createChannel') {
      const r = linkResults['slack.createChannel'].safeParse(s.result);
      if (r.success) {
        links.slackChannelId = r.data.channelId;
        links.slackChannelName = r.data.name;
      }
    } else if (s.kind === 'pagerduty.createIncident') {
      const r = linkResults['pagerduty.createIncident'].safeParse(s.result);
      if (r.success) links.pagerdutyIncidentId = r.data.incidentId;
    } else if (s.kind === 'freshdesk.createTicket') {
      const r = linkResults['freshdesk.createTicket'].safeParse(s.result);
      if (r.success) links.communityTickets = { ...links.communityTickets, [r.data.community]: r.data.ticketId };
    }
  }
  const pull = reportPullFrom(sent);
  if (pull) links.reportPull = pull;
  return links;
}

/**
 * The one reader of the publish link's source: the report's pull request (or files) as the last sent
 * `github.publishReport` left it, or undefined before any was sent. linksFrom, the publish service and the checklist
 * read it here.
 */
export function reportPullFrom(sent: Array<{ kind: string; result: unknown }>): PublishedReport | undefined {
  let pull: PublishedReport | undefined;
  for (const s of sent) {
    if (s.kind !== 'github.publishReport') continue;
    const r = publishedReport.safeParse(s.result);
    if (r.success) pull = r.data;
  }
  return pull;
}

/** The link a job cannot be sent without (its channel, PagerDuty incident or ticket), or null for the makers. */
export function linkNeeded(kind: JobKind): keyof IncidentLinks | null {
  if (kind in linkResults) return null;
  switch (vendorOf(kind)) {
    case 'slack':
      return 'slackChannelId';
    case 'pagerduty':
      return 'pagerdutyIncidentId';
    case 'freshdesk':
      return 'freshdeskTicketId';
    case 'github':
      // GitHub jobs name their repository themselves (settings or payload): no incident link needed.
      return null;
  }
}
