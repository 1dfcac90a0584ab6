// Reads an incident's shared record from the vendors: Slack channel history with thread replies, PagerDuty
// log entries and notes, the Freshdesk ticket and its conversations, as ImportedEntry with original timestamps.
import { findGitHubLinks, gitHubKey, type GitHubLink } from '../../../shared/githubLinks';
import type { ImportSource } from '../../../shared/ops/recordImport';
import {
  freshdeskMap,
  isVendorError,
  pagerdutyMap,
  slackMap,
  type ImportedEntry,
  type VendorClients,
} from '../integrations';
import { entriesOf, factsOfIssue, factsOfPull } from '../integrations/github/map';

export interface RecordTargets {
  pagerdutyIncidentId?: string | null;
  slackChannelId?: string | null;
  freshdeskTicketId?: number | null;
  /**
   * GitHub issues and pull requests linked from what this Conn already holds (its notes). Links found in what the
   * other sources read are added; without a GitHub connection none is read.
   */
  githubLinks?: readonly GitHubLink[] | null;
}

/** At most this many linked GitHub items are followed per incident (the poll's bound too). */
export const MAX_GITHUB_ITEMS = 25;

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

/** The hosts whose links count as GitHub's for this client: github.com, and an Enterprise Server's host. */
export const gitHubHostsOf = (clients: Pick<VendorClients, 'github'>): string[] => {
  const h = clients.github?.webHost;
  return h ? [h] : [];
};

/** Distinct links of some texts, in order, at most MAX_GITHUB_ITEMS. */
export function gitHubLinksIn(texts: Iterable<string>, hosts: readonly string[], also: readonly GitHubLink[] = []) {
  const out = new Map<string, GitHubLink>();
  for (const l of also) if (out.size < MAX_GITHUB_ITEMS && !out.has(gitHubKey(l))) out.set(gitHubKey(l), l);
  for (const t of texts)
    for (const l of findGitHubLinks(t, hosts))
      if (out.size < MAX_GITHUB_ITEMS && !out.has(gitHubKey(l))) out.set(gitHubKey(l), l);
  return [...out.values()];
}

/**
 * The opened / merged / closed moments of linked GitHub issues and pull requests. An item that is gone or that the
 * token cannot see is left out; any other failure (rate limit, network) fails the source.
 */
export async function readGitHub(clients: VendorClients, links: readonly GitHubLink[]): Promise<RecordEntry[]> {
  const gh = clients.github;
  if (!gh) return [];
  const out: RecordEntry[] = [];
  for (const link of links.slice(0, MAX_GITHUB_ITEMS)) {
    try {
      const facts =
        link.kind === 'pull'
          ? factsOfPull((await gh.getPull(link.owner, link.repo, link.number)).data!)
          : factsOfIssue((await gh.getIssue(link.owner, link.repo, link.number)).data!);
      for (const e of entriesOf(link, facts)) out.push({ ...e, connJobId: null });
    } catch (err) {
      if (isVendorError(err) && (err.kind === 'not_found' || err.kind === 'permission')) continue;
      throw err;
    }
  }
  return out;
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
  // Then GitHub: the issues and pull requests linked from what was read (and from the local notes).
  if (clients.github && t.githubLinks) {
    const links = gitHubLinksIn(
      read.flatMap((r) => r.entries.map((e) => e.body)),
      gitHubHostsOf(clients),
      t.githubLinks,
    );
    if (links.length > 0) {
      try {
        read.push({ source: 'github', entries: await readGitHub(clients, links) });
      } catch (error) {
        failures.push({ source: 'github', error });
      }
    }
  }
  const entries = read
    .flatMap((r) => r.entries)
    .sort((a, b) => a.at.localeCompare(b.at) || a.vendorRef.localeCompare(b.vendorRef));
  return { entries, read, failures };
}
