// The state (open or closed) of action items' GitHub issues, read politely: conditional requests with the stored
// ETag (a 304 costs GitHub's rate limit nothing), each issue at most every 10 minutes, only while its incident is
// not closed and for 90 days after its report closed, and a rate limit ends the round.
import { AppError } from '../../../shared/result';
import { reportRepo, type IssueToPoll } from '../db/repos/report';
import type { VendorClients } from '../integrations';
import { isVendorError } from '../integrations/errors';
import { parseGitHubLink } from '../integrations/github/client';
import { repeatEvery, type NetworkStatus, type Timer } from '../outbox/ports';
import type { ServiceDeps } from '../ports';

export const ISSUE_POLL_INTERVAL_MS = 10 * 60_000;
/** How long after its report closed an incident's issues are still read. */
export const ISSUE_POLL_AFTER_CLOSE_MS = 90 * 86_400_000;
/** Issues read per round at most (the least recently read first). */
const PER_ROUND = 60;

export interface IssueStatesDeps extends ServiceDeps {
  clients: () => VendorClients;
  network: NetworkStatus;
  timer: Timer;
  intervalMs?: number;
}

export function issueStatesService(deps: IssueStatesDeps) {
  const { db, clock, bus } = deps;
  const repo = reportRepo(db);
  const interval = deps.intervalMs ?? ISSUE_POLL_INTERVAL_MS;

  /** Reads each issue once; returns the incidents whose items changed. Stops at a rate limit. */
  async function read(rows: IssueToPoll[]): Promise<Set<string>> {
    const gh = deps.clients().github;
    const changed = new Set<string>();
    if (!gh || !deps.network.isOnline()) return changed;
    for (const r of rows) {
      const at = clock.now();
      const link = parseGitHubLink(r.issue_url);
      if (!link || link.kind !== 'issue') {
        repo.markIssueChecked({ id: r.id, url: r.issue_url, at });
        continue;
      }
      try {
        const got = await gh.getIssue(link.owner, link.repo, link.number, r.issue_etag ? { etag: r.issue_etag } : {});
        if (!got.changed || !got.data) {
          repo.markIssueChecked({ id: r.id, url: r.issue_url, at });
          continue;
        }
        const state = got.data.state === 'closed' ? 'closed' : 'open';
        const closedAt = got.data.closed_at ? Date.parse(got.data.closed_at) : null;
        repo.setIssueState({ id: r.id, url: r.issue_url, state, closedAt, etag: got.etag, at });
        if (state !== r.issue_state) changed.add(r.incident_id);
      } catch (e) {
        if (isVendorError(e) && (e.kind === 'rate_limited' || e.kind === 'auth' || e.kind === 'network')) break;
        // Not found, no access, a bad answer: counted as read, tried again next interval.
        repo.markIssueChecked({ id: r.id, url: r.issue_url, at });
      }
    }
    for (const incidentId of changed) {
      repo.touch(incidentId, clock.now()); // the report shows the state: a new version to reload
      const d = repo.draft(incidentId);
      if (d) bus.emit('report.changed', { incidentId, version: d.version, status: d.status });
    }
    return changed;
  }

  /** One polling round: the issues not read for an interval, of incidents still worth asking about. */
  async function poll(): Promise<number> {
    const now = clock.now();
    const rows = repo.issuesToPoll({
      before: now - interval,
      closedSince: now - ISSUE_POLL_AFTER_CLOSE_MS,
      limit: PER_ROUND,
    });
    if (rows.length === 0) return 0;
    await read(rows);
    return rows.length;
  }

  const loop = repeatEvery(deps.timer, interval, () => poll().catch(() => 0));

  return {
    poll,
    /** Reads one report's issues now (its "check now"), whatever their last read. */
    async refresh(incidentId: string): Promise<void> {
      if (!deps.clients().github)
        throw new AppError('precondition_failed', 'GitHub is not connected: add it under Connections first.');
      const rows = repo
        .items(incidentId)
        .filter((i): i is typeof i & { issue_url: string } => i.issue_url !== null)
        .map((i) => ({
          id: i.id,
          incident_id: incidentId,
          issue_url: i.issue_url,
          issue_etag: i.issue_etag,
          issue_state: i.issue_state,
        }));
      await read(rows);
    },
    start: loop.start,
    stop: loop.stop,
  };
}
export type IssueStatesService = ReturnType<typeof issueStatesService>;
