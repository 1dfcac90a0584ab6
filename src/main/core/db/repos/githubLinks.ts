// SQL for the GitHub issues and pull requests an incident's record links (migration 0015): found once per incident,
// read again politely (ETag, next poll time), their last known title and state.
import type Database from 'better-sqlite3';
import {
  gitHubKey,
  type GitHubItem,
  type GitHubItemKind,
  type GitHubItemState,
  type GitHubLink,
} from '../../../../shared/githubLinks';
import { perDb } from '../perDb';

interface Row {
  incident_id: string;
  owner: string;
  repo: string;
  number: number;
  kind: GitHubItemKind;
  url: string;
  title: string | null;
  state: GitHubItemState | null;
  etag: string | null;
  opened_at: number | null;
  merged_at: number | null;
  closed_at: number | null;
  last_polled_at: number | null;
  next_poll_at: number;
  problem: string | null;
}

/** A linked item with what polling it needs. */
export interface LinkedRow {
  incidentId: string;
  link: GitHubLink;
  etag: string | null;
  item: GitHubItem;
}

export interface ItemRead {
  kind: GitHubItemKind;
  title: string;
  state: GitHubItemState;
  etag: string | null;
  openedAt: string | null;
  mergedAt: string | null;
  closedAt: string | null;
}

const ms = (t: string | null) => (t ? Date.parse(t) : null);
const isoOf = (n: number | null) => (n === null ? null : new Date(n).toISOString());

function toLinked(r: Row): LinkedRow {
  // The url keeps the owner and repo as written; the key columns are lower-case.
  const m = /^https:\/\/[^/]+\/([^/]+)\/([^/]+)\//.exec(r.url);
  const link: GitHubLink = {
    owner: m?.[1] ?? r.owner,
    repo: m?.[2] ?? r.repo,
    kind: r.kind,
    number: r.number,
    url: r.url,
  };
  return {
    incidentId: r.incident_id,
    link,
    etag: r.etag,
    item: {
      incidentId: r.incident_id,
      key: gitHubKey(link),
      owner: link.owner,
      repo: link.repo,
      kind: r.kind,
      number: r.number,
      url: r.url,
      title: r.title,
      state: r.state,
      openedAt: isoOf(r.opened_at),
      mergedAt: isoOf(r.merged_at),
      closedAt: isoOf(r.closed_at),
      lastPolledAt: isoOf(r.last_polled_at),
      problem: r.problem,
    },
  };
}

export const githubLinksRepo = perDb((db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO github_links (incident_id, owner, repo, number, kind, url, found_at)
     VALUES (@incidentId, @owner, @repo, @number, @kind, @url, @now) ON CONFLICT DO NOTHING`,
  );
  const count = db.prepare<[string], number>('SELECT COUNT(*) FROM github_links WHERE incident_id = ?').pluck();
  const list = db.prepare<[string], Row>(
    'SELECT * FROM github_links WHERE incident_id = ? ORDER BY found_at, owner, repo, number',
  );
  const due = db.prepare<[string, number], Row>(
    `SELECT * FROM github_links WHERE incident_id = ? AND next_poll_at <= ? ORDER BY next_poll_at, found_at`,
  );
  const one = db.prepare<[string, string, string, number], Row>(
    'SELECT * FROM github_links WHERE incident_id = ? AND owner = ? AND repo = ? AND number = ?',
  );
  const saveRead = db.prepare(
    `UPDATE github_links SET kind = @kind, title = @title, state = @state, etag = @etag, opened_at = @openedAt,
       merged_at = @mergedAt, closed_at = @closedAt, last_polled_at = @now, next_poll_at = @next, problem = NULL
     WHERE incident_id = @incidentId AND owner = @owner AND repo = @repo AND number = @number`,
  );
  const saveUnchanged = db.prepare(
    `UPDATE github_links SET last_polled_at = @now, next_poll_at = @next, problem = NULL
     WHERE incident_id = @incidentId AND owner = @owner AND repo = @repo AND number = @number`,
  );
  const saveProblem = db.prepare(
    `UPDATE github_links SET last_polled_at = @now, next_poll_at = @next, problem = @problem
     WHERE incident_id = @incidentId AND owner = @owner AND repo = @repo AND number = @number`,
  );
  const texts = db
    .prepare<[string], string>(
      `SELECT body FROM timeline_entries WHERE incident_id = ? AND source <> 'github'
         AND (body LIKE '%/pull/%' OR body LIKE '%/issues/%') ORDER BY at, id`,
    )
    .pluck();
  const keyOf = (incidentId: string, l: Pick<GitHubLink, 'owner' | 'repo' | 'number'>) => ({
    incidentId,
    owner: l.owner.toLowerCase(),
    repo: l.repo.toLowerCase(),
    number: l.number,
  });
  return {
    /** The texts of an incident's record (not GitHub's own entries) that may hold an issue or pull request link. */
    textsWithLinks: (incidentId: string): string[] => texts.all(incidentId),
    /** Records a link once; false when it was known, or the incident already follows `max` items. */
    add(incidentId: string, l: GitHubLink, now: number, max: number): boolean {
      if (count.get(incidentId)! >= max) return false;
      return insert.run({ ...keyOf(incidentId, l), kind: l.kind, url: l.url, now }).changes > 0;
    },
    list: (incidentId: string): LinkedRow[] => list.all(incidentId).map(toLinked),
    due: (incidentId: string, now: number): LinkedRow[] => due.all(incidentId, now).map(toLinked),
    get(incidentId: string, l: Pick<GitHubLink, 'owner' | 'repo' | 'number'>): LinkedRow | null {
      const k = keyOf(incidentId, l);
      const r = one.get(k.incidentId, k.owner, k.repo, k.number);
      return r ? toLinked(r) : null;
    },
    saveRead(incidentId: string, l: GitHubLink, read: ItemRead, now: number, next: number): void {
      saveRead.run({
        ...keyOf(incidentId, l),
        kind: read.kind,
        title: read.title,
        state: read.state,
        etag: read.etag,
        openedAt: ms(read.openedAt),
        mergedAt: ms(read.mergedAt),
        closedAt: ms(read.closedAt),
        now,
        next,
      });
    },
    saveUnchanged(incidentId: string, l: GitHubLink, now: number, next: number): void {
      saveUnchanged.run({ ...keyOf(incidentId, l), now, next });
    },
    saveProblem(incidentId: string, l: GitHubLink, problem: string, now: number, next: number): void {
      saveProblem.run({ ...keyOf(incidentId, l), problem, now, next });
    },
  };
});
