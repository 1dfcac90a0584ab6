// Fills Freshdesk canned-response {{placeholders}} client-side and reports the ones Conn has no value for.
import type { FdAgent, FdTicket } from './schemas';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

export interface FillResult {
  text: string;
  /** Placeholder names without a value (left as-is in the text, so the user sees them). */
  unknown: string[];
}

export function fillPlaceholders(
  template: string,
  values: Record<string, string | number | null | undefined>,
): FillResult {
  const unknown = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined || v === null) {
      unknown.add(name);
      return whole;
    }
    return escapeHtml(String(v));
  });
  return { text, unknown: [...unknown] };
}

/** Lists the placeholder names a template uses. */
export const placeholdersIn = (template: string): string[] => [
  ...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!)),
];

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The standard Freshdesk ticket placeholders Conn can fill from a ticket, the replying agent and extras. */
export function ticketPlaceholderValues(
  ticket: FdTicket,
  agent: FdAgent | null,
  extra: Record<string, string | number> = {},
  portalUrl?: string,
): Record<string, string | number | null> {
  const requesterName = ticket.requester?.name ?? null;
  return {
    'ticket.id': ticket.id,
    'ticket.subject': ticket.subject,
    'ticket.requester.name': requesterName,
    'ticket.requester.firstname': requesterName ? (requesterName.split(/\s+/)[0] ?? requesterName) : null,
    'ticket.requester.email': ticket.requester?.email ?? null,
    'ticket.agent.name': agent?.contact.name ?? null,
    'ticket.agent.email': agent?.contact.email ?? null,
    'ticket.url': portalUrl ? `${portalUrl.replace(/\/+$/, '')}/a/tickets/${ticket.id}` : null,
    ...extra,
  };
}
