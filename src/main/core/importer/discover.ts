// Finds an incident's other targets in what the vendors hold: the handoff brief (its Links section), ticket URLs
// and channel names in PagerDuty notes, the PagerDuty URL in Slack messages.

const BRIEF_HEADING = /^#\s*Handoff\b/m;
const SLACK_LINE = /Slack channel:\s*#([a-z0-9_-]{1,80})(?:\s*\((C[A-Z0-9]{6,})\))?/;
const TICKET_URL = /https?:\/\/[^\s)>\]]+\/tickets\/(\d+)/;
const PD_URL = /https?:\/\/[^\s)>\]]+\/incidents\/([A-Z0-9]{4,20})\b/;
const CHANNEL_NAME = /(?:^|\s)#(inc[a-z0-9_-]{1,77})\b/;

export const isBrief = (text: string): boolean => BRIEF_HEADING.test(text);

export interface Discovered {
  slackChannelName: string | null;
  slackChannelId: string | null;
  ticketUrl: string | null;
  ticketId: number | null;
  pagerdutyIncidentId: string | null;
}

/** Reads texts newest first; the first match of each kind wins (the latest brief names the current targets). */
export function discoverTargets(textsNewestFirst: readonly string[]): Discovered {
  const d: Discovered = {
    slackChannelName: null,
    slackChannelId: null,
    ticketUrl: null,
    ticketId: null,
    pagerdutyIncidentId: null,
  };
  for (const text of textsNewestFirst) {
    const slack = SLACK_LINE.exec(text);
    if (slack && !d.slackChannelName) {
      d.slackChannelName = slack[1]!;
      d.slackChannelId = slack[2] ?? null;
    }
    const name = CHANNEL_NAME.exec(text);
    if (name && !d.slackChannelName) d.slackChannelName = name[1]!;
    const ticket = TICKET_URL.exec(text);
    if (ticket && !d.ticketUrl) {
      d.ticketUrl = ticket[0];
      d.ticketId = Number(ticket[1]);
    }
    const pd = PD_URL.exec(text);
    if (pd && !d.pagerdutyIncidentId) d.pagerdutyIncidentId = pd[1]!;
  }
  return d;
}

/** `Q1ABC` or `https://acme.pagerduty.com/incidents/Q1ABC` → `Q1ABC`. */
export function pagerdutyIdFrom(ref: string): string {
  const m = PD_URL.exec(ref.trim());
  return m ? m[1]! : ref.trim();
}
