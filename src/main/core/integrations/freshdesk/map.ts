// Freshdesk records → Conn shapes (imported timeline entries, people).
import type { ImportedEntry, VendorPerson } from '../types';
import type { FdAgent, FdConversation } from './schemas';

export function conversationToEntry(
  c: FdConversation,
  agentNames: ReadonlyMap<number, string> = new Map(),
): ImportedEntry {
  const kind = c.private ? 'conversation.note' : c.incoming ? 'conversation.incoming' : 'conversation.reply';
  const actor =
    (c.user_id != null ? agentNames.get(c.user_id) : undefined) ??
    c.from_email ??
    (c.user_id != null ? String(c.user_id) : null);
  return {
    source: 'freshdesk',
    vendorRef: `conversation:${c.id}`,
    at: new Date(c.created_at).toISOString(),
    kind,
    // Freshdesk's body_text runs paragraphs and lines together: the HTML body keeps them.
    body: c.body.trim() ? textOfHtml(c.body) : (c.body_text ?? '').trim(),
    actor,
    url: null,
  };
}

export const agentToPerson = (a: FdAgent): VendorPerson => ({
  id: String(a.id),
  name: a.contact.name ?? String(a.id),
  email: a.contact.email ?? null,
});

export const stripHtml = (html: string): string =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** HTML as plain text with its line breaks: <br> a new line, paragraphs and blocks apart by a blank line. */
export function textOfHtml(html: string): string {
  const text = stripHtml(html.replace(/<\/(p|div|li|h[1-6]|blockquote|pre)>\s*(?=<)/gi, '</$1>\n'));
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
