// Shared pieces of the vendor executors: live clients per vendor, VendorError → VendorFailure, text limits.
import type { VendorConfig } from '../../../../shared/integrations';
import type { Vendor } from '../../../../shared/outbox';
import type { FreshdeskClient } from '../../integrations/freshdesk/client';
import type { GitHubClient } from '../../integrations/github/client';
import type { PagerDutyClient } from '../../integrations/pagerduty/client';
import type { SlackClient } from '../../integrations/slack/client';
import { VendorError, toVendorFailure, type VendorFailure } from '../failures';
import { vendorLabels } from '../../../../shared/labels';

export interface Live<C, V extends Vendor> {
  client: C;
  config: VendorConfig<V>;
}

/** Clients built from the credentials current at the moment of the call (tokens can change between calls). */
export interface LiveVendors {
  slack(): Live<SlackClient, 'slack'> | undefined;
  pagerduty(): Live<PagerDutyClient, 'pagerduty'> | undefined;
  freshdesk(): Live<FreshdeskClient, 'freshdesk'> | undefined;
  github(): Live<GitHubClient, 'github'> | undefined;
}

/** The live client or a clear failure (the dispatcher only calls configured vendors, but tokens can vanish). */
export function live<T>(vendor: Vendor, got: T | undefined): T {
  if (got === undefined)
    throw new VendorError(
      'auth',
      `${vendorLabels[vendor]} is not connected: add its settings and token in Connections.`,
    );
  return got;
}

/** A request Conn will not make, with a reason people can act on (becomes a dead job). */
export const refuse = (message: string): VendorError => new VendorError('validation', message);

/** Reads a VendorError (or anything thrown) as the dispatcher's VendorFailure. */
export const asFailure = (err: unknown): VendorFailure => toVendorFailure(err);

export {
  charCount,
  cutIndex,
  ellipsis,
  ELLIPSIS,
  partLabel,
  splitText,
  truncateVisibly,
  TRUNCATED,
} from './textLimits';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text (templates, notes) as the HTML Freshdesk expects: paragraphs on blank lines, <br> on newlines. */
export function textToHtml(text: string): string {
  if (/^\s*<(p|div|br|ul|ol|h\d)\b/i.test(text)) return text; // already HTML (e.g. a canned response)
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
