// Status-update templates from Freshdesk canned responses (by title), filled with the ticket's and the
// session's placeholders. Used when Freshdesk is connected; the built-in templates otherwise.
import { placeholderNames, type UpdateTemplate } from '../../../shared/reminders';
import { freshdeskMap, ticketPlaceholderValues, type VendorClients } from '../integrations';
import { fillTemplate, type FilledTemplate } from './fillTemplate';

export const cannedTitles: Record<UpdateTemplate, string> = {
  first_response: 'incident first response',
  update: 'incident update',
  resolved: 'incident resolved',
};

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Session lines added to an "update" canned response that has no session placeholders of its own. */
function sessionTail(values: Record<string, string | null>): string {
  const out: string[] = [];
  if (values.current_state) out.push(`Current state: ${values.current_state}`);
  if (values.what_was_tried) out.push(`What we have tried:\n${values.what_was_tried}`);
  if (values.next_steps) out.push(`What we are doing next:\n${values.next_steps}`);
  if (values.next_update_time) out.push(`Next update by ${values.next_update_time}.`);
  return out.length ? `\n\n${out.join('\n\n')}` : '';
}

/**
 * The filled canned response, or null when Freshdesk has none with this title (or cannot be read): the caller
 * falls back to the built-in template.
 */
export async function cannedDraft(
  clients: VendorClients,
  template: UpdateTemplate,
  ticketId: number | null,
  session: Record<string, string | null>,
): Promise<(FilledTemplate & { source: string }) | null> {
  const fd = clients.freshdesk;
  if (!fd) return null;
  try {
    const all = await fd.listAllCannedResponses();
    const canned = all.find((c) => norm(c.title) === cannedTitles[template]);
    if (!canned) return null;
    let text = freshdeskMap
      .stripHtml(canned.content_html)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    const usesSession = placeholderNames.some((n) => text.includes(`{{${n}}}`));
    if (template === 'update' && !usesSession) text += sessionTail(session);
    let ticketValues: Record<string, string | null> = {};
    if (ticketId !== null) {
      const [ticket, me] = await Promise.all([fd.getTicket(ticketId), fd.identify().catch(() => null)]);
      const raw = ticketPlaceholderValues(ticket, me);
      ticketValues = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]),
      );
    }
    const filled = fillTemplate(text, { ...session, ...ticketValues }, [
      ...placeholderNames,
      ...Object.keys(ticketValues),
    ]);
    return { ...filled, source: `Freshdesk canned response "${canned.title}"` };
  } catch {
    return null;
  }
}
