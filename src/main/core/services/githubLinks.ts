// GitHub in the timeline: issue and pull request links that appear in an incident's notes, Slack messages or ticket
// replies are read from GitHub (title, open/closed/merged, when) and their opened/merged/closed moments become
// timeline entries from source 'github', once each. While the incident is not closed each linked item is read again
// every few minutes with its ETag (an unchanged item answers 304 and costs nothing against the rate limit); a rate
// limit postpones every read to its reset. Without a GitHub connection nothing is read and links stay plain links.
import type { OpParsed } from '../../../shared/contract';
import type { TimelineEntry } from '../../../shared/domain';
import { findGitHubLinks, type GitHubLink } from '../../../shared/githubLinks';
import type { GitHubItems } from '../../../shared/ops/githubLinks';
import type { Vendor } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import { githubLinksRepo, type LinkedRow } from '../db/repos/githubLinks';
import { importsRepo } from '../db/repos/imports';
import { incidentsRepo } from '../db/repos/incidents';
import type { ClientsPort } from '../importer/clients';
import { gitHubHostsOf, gitHubLinksIn, MAX_GITHUB_ITEMS } from '../importer/record';
import { explainVendorError, isVendorError, type Conditional, type GitHubClient } from '../integrations';
import { entriesOf, factsOfIssue, factsOfPull, type ItemFacts } from '../integrations/github/map';
import { repeatEvery, type NetworkStatus, type Timer } from '../outbox/ports';
import type { Logger, ServiceDeps } from '../ports';

export interface GitHubLinksDeps extends ServiceDeps {
  clients: ClientsPort;
  isConfigured: (vendor: Vendor) => boolean;
  network: NetworkStatus;
  timer: Timer;
  /** How long before one linked item is read again; default 5 minutes. */
  pollMs?: number;
  /** How often the loop looks for items due; default 30 s. */
  tickMs?: number;
  logger?: Logger;
}

export const DEFAULT_GITHUB_POLL_MS = 5 * 60_000;
const DEFAULT_TICK_MS = 30_000;
/** A rate limit that names no reset time waits this long. */
const RATE_LIMIT_FALLBACK_MS = 60_000;
/** An item that is gone or hidden from the token is asked about less often. */
const MISSING_FACTOR = 6;

const LINKY = /\/(issues|pull)\//i;

export function githubLinksService(deps: GitHubLinksDeps) {
  const { db, clock, ids, bus } = deps;
  const repo = githubLinksRepo(db);
  const imports = importsRepo(db);
  const incidents = incidentsRepo(db);
  const pollMs = deps.pollMs ?? DEFAULT_GITHUB_POLL_MS;
  /** Until when GitHub's rate limit holds every read back (epoch ms; 0: not held). */
  let pausedUntil = 0;
  /** Incidents whose whole record was searched for links since start (later links arrive by event). */
  const scanned = new Set<string>();

  const github = (): GitHubClient | null => (deps.isConfigured('github') ? deps.clients().github : null);

  const view = (incidentId: string): GitHubItems => {
    const connected = github() !== null;
    return {
      incidentId,
      connected,
      items: connected ? repo.list(incidentId).map((r) => r.item) : [],
      pausedUntil: pausedUntil > clock.now() ? new Date(pausedUntil).toISOString() : null,
    };
  };

  const addTx = db.transaction((incidentId: string, links: readonly GitHubLink[]) => {
    const now = clock.now();
    return links.filter((l) => repo.add(incidentId, l, now, MAX_GITHUB_ITEMS)).length;
  });

  /** Records the links of some texts for an incident; the number new. */
  function remember(incidentId: string, bodies: Iterable<string>, gh: GitHubClient): number {
    const links = gitHubLinksIn(bodies, gitHubHostsOf({ github: gh }));
    return links.length ? addTx.immediate(incidentId, links) : 0;
  }

  const applyTx = db.transaction(
    (incidentId: string, link: GitHubLink, facts: ItemFacts, etag: string | null, now: number): TimelineEntry[] => {
      repo.saveRead(
        incidentId,
        link,
        {
          kind: facts.kind,
          title: facts.title,
          state: facts.state,
          etag,
          openedAt: facts.openedAt,
          mergedAt: facts.mergedAt,
          closedAt: facts.closedAt,
        },
        now,
        now + pollMs,
      );
      const added: TimelineEntry[] = [];
      // One entry per moment: the vendor-ref index turns a moment seen before into nothing.
      for (const e of entriesOf(link, facts)) {
        const entry = imports.add(incidentId, e, ids.next(), now);
        if (entry) added.push(entry);
      }
      if (added.length > 0) incidents.touch(incidentId, now);
      return added;
    },
  );

  /** Reads one item (conditionally); true when what Conn shows of it changed. Throws a rate limit. */
  async function readOne(incidentId: string, row: LinkedRow, gh: GitHubClient): Promise<boolean> {
    const { link } = row;
    const now = clock.now();
    const opts = row.etag ? { etag: row.etag } : {};
    // New to this incident: a changed answer, or a 304 against what the client read for another reader (a take-over
    // read the same item) that this incident has not recorded yet.
    const news = (r: Conditional<unknown>): boolean => r.data !== null && (r.changed || r.etag !== row.etag);
    try {
      let facts: ItemFacts;
      let etag: string | null;
      if (link.kind === 'pull') {
        const r = await gh.getPull(link.owner, link.repo, link.number, opts);
        if (!news(r)) {
          repo.saveUnchanged(incidentId, link, now, now + pollMs);
          return false;
        }
        facts = factsOfPull(r.data!);
        etag = r.etag;
      } else {
        const r = await gh.getIssue(link.owner, link.repo, link.number, opts);
        if (!news(r)) {
          repo.saveUnchanged(incidentId, link, now, now + pollMs);
          return false;
        }
        facts = factsOfIssue(r.data!);
        etag = r.etag;
        if (facts.kind === 'pull') {
          // An /issues/ link naming a pull request: read as one (merged or not), from now on too.
          const p = await gh.getPull(link.owner, link.repo, link.number);
          facts = factsOfPull(p.data!);
          etag = p.etag;
        }
      }
      const added = applyTx.immediate(incidentId, { ...link, kind: facts.kind }, facts, etag, now);
      for (const e of added) bus.emit('timeline.appended', e);
      return true;
    } catch (err) {
      if (isVendorError(err) && err.kind === 'rate_limited') {
        pausedUntil = Math.max(pausedUntil, now + (err.retryAfterMs ?? RATE_LIMIT_FALLBACK_MS));
        throw err;
      }
      const missing = isVendorError(err) && (err.kind === 'not_found' || err.kind === 'permission');
      const problem = isVendorError(err) ? explainVendorError(err) : String(err);
      repo.saveProblem(incidentId, link, problem, now, now + (missing ? pollMs * MISSING_FACTOR : pollMs));
      return row.item.problem !== problem;
    }
  }

  /** Reads an incident's items that are due (all of them with `everything`); announces what changed. */
  async function pollIncident(incidentId: string, everything: boolean): Promise<void> {
    const gh = github();
    if (!gh || !deps.network.isOnline() || clock.now() < pausedUntil) return;
    if (!scanned.has(incidentId)) {
      remember(incidentId, repo.textsWithLinks(incidentId), gh);
      scanned.add(incidentId);
    }
    const rows = everything ? repo.list(incidentId) : repo.due(incidentId, clock.now());
    let changed = false;
    try {
      for (const row of rows.slice(0, MAX_GITHUB_ITEMS)) if (await readOne(incidentId, row, gh)) changed = true;
    } finally {
      if (changed || clock.now() < pausedUntil) bus.emit('github.linksChanged', view(incidentId));
    }
  }

  // Rounds, check-now reads and reads of newly found links never overlap: one at a time.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const p = chain.then(work);
    chain = p.catch(() => undefined);
    return p;
  };

  async function round(): Promise<number> {
    if (!github() || !deps.network.isOnline() || clock.now() < pausedUntil) return 0;
    const open = incidents
      .list()
      .filter((i) => i.status !== 'closed')
      .map((i) => i.id);
    for (const id of open) {
      try {
        await pollIncident(id, false);
      } catch (err) {
        if (isVendorError(err) && err.kind === 'rate_limited') break; // every read waits for the reset
        deps.logger?.warn('github link poll failed', { incidentId: id, error: String(err) });
      }
    }
    return open.length;
  }
  const poll = () => exclusive(round);

  // New entries (notes, imported Slack messages and ticket replies) that link GitHub: remember the links, read them.
  bus.subscribe((name, payload) => {
    if (name !== 'timeline.appended' && name !== 'timeline.changed') return;
    const e = payload as TimelineEntry;
    if (e.source === 'github' || !LINKY.test(e.body)) return;
    queueMicrotask(() => {
      try {
        const gh = github();
        if (!gh || findGitHubLinks(e.body, gitHubHostsOf({ github: gh })).length === 0) return;
        if (remember(e.incidentId, [e.body], gh) > 0)
          void exclusive(() => pollIncident(e.incidentId, false)).catch(() => undefined);
      } catch {
        // the core closed meanwhile: the next round finds the links in the record
      }
    });
  });

  const loop = repeatEvery(deps.timer, deps.tickMs ?? DEFAULT_TICK_MS, poll);

  const mustExist = (incidentId: string) => {
    if (!incidents.get(incidentId)) throw new AppError('not_found', `No incident with id ${incidentId}`);
  };

  return {
    list({ incidentId }: OpParsed<'github.listLinks'>): GitHubItems {
      mustExist(incidentId);
      return view(incidentId);
    },
    /** "Check now": every linked item of the incident, read now (conditionally). */
    async refresh({ incidentId }: OpParsed<'github.checkLinks'>): Promise<GitHubItems> {
      mustExist(incidentId);
      try {
        await exclusive(() => pollIncident(incidentId, true));
      } catch (err) {
        if (!(isVendorError(err) && err.kind === 'rate_limited')) throw err;
      }
      return view(incidentId);
    },
    /** One polling round now (tests). */
    poll,
    /** Resolves once the reads queued so far are done (tests). */
    settled: () => exclusive(async () => undefined),
    start: loop.start,
    stop: loop.stop,
  };
}
export type GitHubLinksService = ReturnType<typeof githubLinksService>;
