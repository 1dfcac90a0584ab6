// Slack messages → Conn shapes (imported timeline entries with the original ts and a de-duplication ref).
import type { ImportedEntry } from '../types';
import type { SlackMessage } from './schemas';

/** Slack ts (`1759219200.000100`) → ISO-8601 without going through a float (keeps precision to the ms). */
export function tsToIso(ts: string): string {
  const [sec = '0', frac = '0'] = ts.split('.');
  return new Date(Number(sec) * 1000 + Number(frac.padEnd(6, '0').slice(0, 3))).toISOString();
}

export function messageToEntry(
  channelId: string,
  m: SlackMessage,
  names: ReadonlyMap<string, string> = new Map(),
  permalink: string | null = null,
): ImportedEntry {
  const isReply = !!m.thread_ts && m.thread_ts !== m.ts;
  const who = m.user ?? m.bot_id ?? null;
  return {
    source: 'slack',
    vendorRef: `${channelId}:${m.ts}`,
    at: tsToIso(m.ts),
    kind: isReply ? 'reply' : m.subtype ? `message.${m.subtype}` : 'message',
    body: m.text ?? '',
    actor: who ? (names.get(who) ?? who) : null,
    url: permalink,
  };
}
