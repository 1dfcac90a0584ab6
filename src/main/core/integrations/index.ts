// Public face of the vendor integrations: clients, markers, errors, mappers. The clients are built in one place,
// the vendor table (vendors/index.ts).
import type { FreshdeskClient } from './freshdesk/client';
import type { GitHubClient } from './github/client';
import type { PagerDutyClient } from './pagerduty/client';
import type { SlackClient } from './slack/client';

/** One client per configured vendor; null where the vendor is not connected. */
export interface VendorClients {
  pagerduty: PagerDutyClient | null;
  freshdesk: FreshdeskClient | null;
  slack: SlackClient | null;
  github: GitHubClient | null;
}

/**
 * The marker Conn puts in what it sends, so a send that may have happened can be found before a retry:
 * `[conn:<jobId>]`. Slack carries it as message metadata; PagerDuty notes and Freshdesk notes in the text;
 * Freshdesk public replies in an HTML comment (see `withMarker`).
 */
export const markerFor = (jobId: string): string => `[conn:${jobId}]`;

/** Adds the marker to outgoing text for a vendor/kind where it must travel in the body. */
export function withMarker(
  text: string,
  marker: string,
  where: 'pagerduty.note' | 'freshdesk.note' | 'freshdesk.reply',
): string {
  if (where === 'freshdesk.reply') return `${text}\n<!-- ${marker} -->`;
  if (where === 'freshdesk.note') return `${text}\n<p>${marker}</p>`;
  return `${text}\n\n${marker}`;
}

export { VendorError, explainVendorError, isVendorError, redact, vendorErrorKinds } from './errors';
export type { VendorErrorInit, VendorErrorKind, VendorName } from './errors';
export type { HttpDeps, FetchFn } from './http';
export type { ImportedEntry, VendorPerson } from './types';
export { createPagerDutyClient, incidentKeyFor, incidentDetails, pagerDutyBaseUrl } from './pagerduty/client';
export type {
  PagerDutyClient,
  PagerDutyConfig,
  CreateIncidentInput,
  Identity as PagerDutyIdentity,
} from './pagerduty/client';
export {
  createFreshdeskClient,
  freshdeskBaseUrl,
  freshdeskTicketUrl,
  normaliseFreshdeskDomain,
  ticketStatus,
} from './freshdesk/client';
export type { FreshdeskClient, FreshdeskConfig } from './freshdesk/client';
export { fillPlaceholders, placeholdersIn, ticketPlaceholderValues } from './freshdesk/placeholders';
export { createSlackClient, tsFromMs, CONN_EVENT_TYPE } from './slack/client';
export type { SlackClient, SlackConfig } from './slack/client';
export { sanitiseChannelName, channelNameFromPattern, channelNameProblem, withSuffix } from './slack/names';
export { createGitHubClient, classifyGitHub, parseGitHubLink, GITHUB_API } from './github/client';
export type { GitHubClient, GitHubConfig, Conditional } from './github/client';
export type { GhIssue, GhPull, GhUser, GhRepository, GhRef, GhFileContent } from './github/schemas';
export * as pagerdutyMap from './pagerduty/map';
export * as freshdeskMap from './freshdesk/map';
export * as slackMap from './slack/map';
export type {
  PdIncident,
  PdNote,
  PdLogEntry,
  PdUser,
  PdService,
  PdStatusUpdate,
  PdPriority,
} from './pagerduty/schemas';
export type { FdTicket, FdConversation, FdAgent, FdCannedResponse, FdCannedFolder } from './freshdesk/schemas';
export type { SlackMessage, SlackChannel, SlackIdentity, SlackUser } from './slack/schemas';
