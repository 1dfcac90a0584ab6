// Freshdesk records → Conn shapes (imported timeline entries, people).
import type { ImportedEntry, VendorPerson } from '../types';
import type { FdAgent, FdConversation } from './schemas';

export function conversationToEntry(c: FdConversation, agentNames: ReadonlyMap<number, string> = new Map()): ImportedEntry {
  const kind = c.private ? 'conversation.note' : c.incoming ? 'conversation.incoming' : 'conversation.reply';
  const actor = (c.user_id != null ? agentNames.get(c.user_id) : undefined) ?? c.from_email ?? (c.user_id != null ? String(c.user_id) : null);
  return {
    source: 'freshdesk',
    vendorRef: `conversation:${c.id}`,
    at: new Date(c.created_at).toISOString(),
    kind,
    body: (c.body_text ?? stripHtml(c.body)).trim(),
    actor,
    url: null,
  };
}

export const agentToPerson = (a: FdAgent): VendorPerson => ({ id: String(a.id), name: a.contact.name ?? String(a.id), email: a.contact.email ?? null });

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
