// The vendor-state checks behind each runbook CheckType: they read PagerDuty, Slack and Freshdesk (never write)
// and say whether the step's outcome is visible there.
import type { Incident } from '../../../shared/domain';
import { splitRepo } from '../../../shared/integrations';
import { mergedReportUrl } from '../../../shared/publish';
import { vendorLabels } from '../../../shared/labels';
import type { Vendor } from '../../../shared/outbox';
import type { CheckType } from '../../../shared/runbook';
import { incidentKeyFor } from '../integrations/pagerduty/client';
import type { PdIncident } from '../integrations/pagerduty/schemas';
import type { IncidentLinks } from '../outbox/links';
import { asFailure, type LiveVendors } from '../outbox/vendors/common';
import type { Check, CheckOutcome } from './types';

const couldNotAsk = (err: unknown): CheckOutcome => {
  const f = asFailure(err);
  return { status: 'unknown', detail: `Could not ask (${f.kind}): ${f.message}` };
};

type Connected<K extends Vendor> = NonNullable<ReturnType<LiveVendors[K]>>;

/**
 * Every vendor check's frame: unknown while the vendor is not connected, else `read` asks it, and a failure to ask
 * is unknown too. `read` answers on its own when there is nothing to read yet (no channel, ticket or pull request).
 */
function vendorCheck<K extends Vendor>(
  v: LiveVendors,
  vendor: K,
  id: CheckType,
  read: (live: Connected<K>, incident: Incident, links: IncidentLinks) => Promise<CheckOutcome>,
): Check {
  return {
    id,
    vendor,
    async run(incident, links) {
      const live = v[vendor]() as Connected<K> | undefined;
      if (!live) return { status: 'unknown', detail: `${vendorLabels[vendor]} is not connected.` };
      try {
        return await read(live, incident, links);
      } catch (err) {
        return couldNotAsk(err);
      }
    },
  };
}

/** Freshdesk's closed (5) and resolved (4) statuses both mean the ticket is done with. */
const TICKET_DONE = new Set([4, 5]);

/** The checks that read PagerDuty. */
export function pagerdutyChecks(v: LiveVendors) {
  const pdCheck = (id: CheckType, test: (i: PdIncident) => CheckOutcome): Check =>
    vendorCheck(v, 'pagerduty', id, async ({ client: pd }, incident, links) => {
      // The PagerDuty incident Conn created: from the outbox link, else by incident_key.
      const found = links.pagerdutyIncidentId
        ? await pd.getIncident(links.pagerdutyIncidentId)
        : await pd.findIncidentByKey(incidentKeyFor(incident.id));
      return found ? test(found) : { status: 'not_yet', detail: 'No PagerDuty incident for this incident yet.' };
    });
  const seen = (i: PdIncident, what: string): CheckOutcome => ({
    status: 'confirmed',
    evidence: `PagerDuty #${i.incident_number ?? i.id} ${what}`,
    url: i.html_url,
  });
  return {
    pagerduty_incident_exists: pdCheck('pagerduty_incident_exists', (i) => seen(i, `exists (${i.status})`)),
    pagerduty_acknowledged: pdCheck('pagerduty_acknowledged', (i) =>
      i.status === 'triggered'
        ? { status: 'not_yet', detail: `PagerDuty #${i.incident_number ?? i.id} is not acknowledged yet.` }
        : seen(i, `is ${i.status}`),
    ),
    pagerduty_resolved: pdCheck('pagerduty_resolved', (i) =>
      i.status === 'resolved'
        ? seen(i, 'is resolved')
        : { status: 'not_yet', detail: `PagerDuty #${i.incident_number ?? i.id} is ${i.status}.` },
    ),
  } satisfies Partial<Record<CheckType, Check>>;
}

/** The checks that read Freshdesk. */
export function freshdeskChecks(v: LiveVendors) {
  const ticketCheck = (id: CheckType, read: (ticketId: number, incident: Incident) => Promise<CheckOutcome>): Check =>
    vendorCheck(v, 'freshdesk', id, async (_fd, incident, links) =>
      links.freshdeskTicketId === undefined
        ? { status: 'unknown', detail: 'This incident has no Freshdesk ticket.' }
        : read(links.freshdeskTicketId, incident),
    );

  return {
    ticket_public_reply: ticketCheck('ticket_public_reply', async (ticketId, incident) => {
      // A taken-over incident is declared here after the first reply went out elsewhere: impact start counts too.
      const since = Math.min(Date.parse(incident.declaredAt), Date.parse(incident.impactStartAt)) - 60_000;
      const convs = await v.freshdesk()!.client.listConversations(ticketId);
      const reply = convs.find((c) => !c.incoming && !c.private && Date.parse(c.created_at) >= since);
      return reply
        ? { status: 'confirmed', evidence: `A public reply is on ticket #${ticketId}` }
        : { status: 'not_yet', detail: `No public reply on ticket #${ticketId} since the incident was declared.` };
    }),
    ticket_closed: ticketCheck('ticket_closed', async (ticketId) => {
      const t = await v.freshdesk()!.client.getTicket(ticketId);
      return TICKET_DONE.has(t.status)
        ? { status: 'confirmed', evidence: `Ticket #${ticketId} is ${t.status === 5 ? 'closed' : 'resolved'}` }
        : { status: 'not_yet', detail: `Ticket #${ticketId} is still open (status ${t.status}).` };
    }),
  } satisfies Partial<Record<CheckType, Check>>;
}

/** The check that reads Slack. */
export function slackChecks(v: LiveVendors) {
  return {
    slack_channel_exists: vendorCheck(v, 'slack', 'slack_channel_exists', async (slack, _incident, links) => {
      if (!links.slackChannelName)
        return { status: 'not_yet', detail: 'Conn has not created a Slack channel for this incident yet.' };
      const c = await slack.client.findChannelByName(links.slackChannelName, { knownId: links.slackChannelId });
      return c && !c.is_archived
        ? { status: 'confirmed', evidence: `Slack channel #${c.name} exists` }
        : { status: 'not_yet', detail: `Slack has no open channel #${links.slackChannelName}.` };
    }),
  } satisfies Partial<Record<CheckType, Check>>;
}

/**
 * The check that reads GitHub: the report's pull request is merged, or its files are on the default branch as
 * published. Polite: the pull request is read conditionally (a 304 is free), the files only while it is not merged.
 */
export function githubChecks(v: LiveVendors) {
  return {
    report_published: vendorCheck(v, 'github', 'report_published', async (gh, _incident, links) => {
      const r = links.reportPull;
      if (!r) return { status: 'not_yet', detail: 'The report has not been published by pull request yet.' };
      const { owner, repo } = splitRepo(r.repo);
      const url = mergedReportUrl(r);
      const onDefault: CheckOutcome = {
        status: 'confirmed',
        evidence: `The report is on ${r.repo}'s ${r.defaultBranch}`,
        ...(url ? { url } : {}),
      };
      if (r.number !== null) {
        const pull = (await gh.client.getPull(owner, repo, r.number)).data;
        if (pull?.merged_at) return { ...onDefault, evidence: `Pull request #${r.number} was merged` };
        // Open and unchanged (a free 304 most minutes): nothing else to read yet.
        if (pull?.state === 'open')
          return { status: 'not_yet', detail: `Pull request #${r.number} is not merged yet.` };
      }
      // Merged some other way (or published without a pull request): the files on the default branch.
      for (const f of r.files) {
        const there = await gh.client.getContent(owner, repo, f.path, r.defaultBranch);
        if (there?.sha !== f.sha)
          return {
            status: 'not_yet',
            detail:
              r.number !== null
                ? `Pull request #${r.number} is not merged yet.`
                : `${f.path} is not on ${r.defaultBranch} yet.`,
          };
      }
      return onDefault;
    }),
  } satisfies Partial<Record<CheckType, Check>>;
}

/**
 * Every vendor's checks, one per CheckType read from a vendor (the hub exit criterion is Conn's own: the hub probes
 * confirm it, services/health.ts).
 */
export function vendorChecks(v: LiveVendors): Record<Exclude<CheckType, 'hubs_exit_criterion'>, Check> {
  return { ...pagerdutyChecks(v), ...slackChecks(v), ...freshdeskChecks(v), ...githubChecks(v) };
}
