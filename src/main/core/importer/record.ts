// Reads an incident's shared record from the vendors: Slack channel history with thread replies, PagerDuty
// log entries and notes, the Freshdesk ticket and its conversations, as ImportedEntry with original timestamps.
import type { ImportSource } from '../../../shared/ops/recordImport';
import { freshdeskMap, pagerdutyMap, slackMap, type ImportedEntry, type VendorClients } from '../integrations';

export interface RecordTargets {
  pagerdutyIncidentId?: string | null;
  slackChannelId?: string | null;
  freshdeskTicketId?: number | null;
}

/** An imported entry; `connJobId` is set when Conn sent it (it carried a [conn:<jobId>] marker). */
export type RecordEntry = ImportedEntry & { connJobId: string | null };

const MARKER = /\[conn:([A-Za-z0-9_-]+)\]/;
const MARKERS = /\s*(<!--\s*)?\[conn:[A-Za-z0-9_-]+\](\s*-->)?/g;

export function withConnMarker(e: ImportedEntry, metadataMarker?: unknown): RecordEntry {
  // Slack metadata carries the marker as `conn:<jobId>` (brackets optional).
  const fromMeta =
    typeof metadataMarker === 'string' ? /^\[?conn:([A-Za-z0-9_-]+)\]?$/.exec(metadataMarker)?.[1] : undefined;
  const fromText = MARKER.exec(e.body)?.[1];
  return { ...e, body: e.body.replace(MARKERS, '').trim(), connJobId: fromMeta ?? fromText ?? null };
}

/** Log entries that only repeat a note (PagerDuty logs each note as `annotate`) are left out: the note is imported. */
const REPEATS_A_NOTE = 'annotate_log_entry';

export async function readSlack(clients: VendorClients, channelId: string): Promise<RecordEntry[]> {
  const slack = clients.slack;
  if (!slack) return [];
  const top = await slack.history(channelId);
  const out: RecordEntry[] = [];
  for (const m of top) {
    out.push(withConnMarker(slackMap.messageToEntry(channelId, m), m.metadata?.event_payload?.marker));
    if ((m.reply_count ?? 0) > 0 && (!m.thread_ts || m.thread_ts === m.ts)) {
      const thread = await slack.replies(channelId, m.ts);
      for (const r of thread) {
        if (r.ts === m.ts) continue;
        out.push(
          withConnMarker(
            slackMap.messageToEntry(channelId, { ...r, thread_ts: r.thread_ts ?? m.ts }),
            r.metadata?.event_payload?.marker,
          ),
        );
      }
    }
  }
  return out;
}

export async function readPagerDuty(clients: VendorClients, incidentId: string): Promise<RecordEntry[]> {
  const pd = clients.pagerduty;
  if (!pd) return [];
  const [log, notes] = await Promise.all([pd.listLogEntries(incidentId), pd.listNotes(incidentId)]);
  return [
    ...log.filter((l) => l.type !== REPEATS_A_NOTE).map((l) => withConnMarker(pagerdutyMap.logEntryToEntry(l))),
    ...notes.map((n) => withConnMarker(pagerdutyMap.noteToEntry(n))),
  ];
}

export async function readFreshdesk(clients: VendorClients, ticketId: number): Promise<RecordEntry[]> {
  const fd = clients.freshdesk;
  if (!fd) return [];
  const [ticket, conversations] = await Promise.all([fd.getTicket(ticketId), fd.listConversations(ticketId)]);
  // The HTML description keeps the requester's line breaks; description_text runs them together.
  const description = ticket.description?.trim()
    ? freshdeskMap.textOfHtml(ticket.description)
    : (ticket.description_text ?? '').trim();
  const opened: RecordEntry = {
    source: 'freshdesk',
    vendorRef: `ticket:${ticket.id}`,
    at: new Date(ticket.created_at).toISOString(),
    kind: 'ticket.opened',
    body: `Ticket opened: ${ticket.subject}${description ? `\n\n${description}` : ''}`,
    actor: ticket.requester?.name ?? null,
    url: null,
    connJobId: null,
  };
  return [opened, ...conversations.map((c) => withConnMarker(freshdeskMap.conversationToEntry(c)))];
}

export interface SourceRead {
  source: ImportSource;
  entries: RecordEntry[];
}

/**
 * Reads each source on its own: a source that fails (an unreadable page, a refused token, a network error) is
 * reported with its error while the others are still read. Sources without a target are left out.
 */
export async function readRecordBySource(
  clients: VendorClients,
  t: RecordTargets,
): Promise<{ entries: RecordEntry[]; read: SourceRead[]; failures: Array<{ source: ImportSource; error: unknown }> }> {
  const jobs: Array<[ImportSource, () => Promise<RecordEntry[]>]> = [];
  if (t.pagerdutyIncidentId) jobs.push(['pagerduty', () => readPagerDuty(clients, t.pagerdutyIncidentId!)]);
  if (t.slackChannelId) jobs.push(['slack', () => readSlack(clients, t.slackChannelId!)]);
  if (t.freshdeskTicketId) jobs.push(['freshdesk', () => readFreshdesk(clients, t.freshdeskTicketId!)]);
  const settled = await Promise.allSettled(jobs.map(([, run]) => run()));
  const read: SourceRead[] = [];
  const failures: Array<{ source: ImportSource; error: unknown }> = [];
  settled.forEach((r, i) => {
    const source = jobs[i]![0];
    if (r.status === 'fulfilled') read.push({ source, entries: r.value });
    else failures.push({ source, error: r.reason });
  });
  const entries = read
    .flatMap((r) => r.entries)
    .sort((a, b) => a.at.localeCompare(b.at) || a.vendorRef.localeCompare(b.vendorRef));
  return { entries, read, failures };
}
