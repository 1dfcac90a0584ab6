// GitHub answers in Conn's shapes: a linked issue or pull request's facts (title, state, when it opened, merged and
// closed) and the timeline entries of those moments, one per moment, each with a stable vendor ref.
import type { GitHubItemKind, GitHubItemState, GitHubLink } from '../../../../shared/githubLinks';
import { gitHubKey } from '../../../../shared/githubLinks';
import type { ImportedEntry } from '../types';
import type { GhIssue, GhPull } from './schemas';

export interface ItemFacts {
  /** What GitHub says it is: an /issues/ link may name a pull request. */
  kind: GitHubItemKind;
  title: string;
  state: GitHubItemState;
  openedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  author: string | null;
}

const iso = (t: string | null | undefined): string | null => {
  if (!t) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

export function factsOfPull(p: GhPull): ItemFacts {
  const mergedAt = iso(p.merged_at);
  const closed = p.state === 'closed';
  return {
    kind: 'pull',
    title: p.title,
    state: mergedAt ? 'merged' : closed ? 'closed' : 'open',
    openedAt: iso(p.created_at)!,
    mergedAt,
    closedAt: closed ? (iso(p.closed_at) ?? mergedAt) : null,
    author: p.user?.login ?? null,
  };
}

export function factsOfIssue(i: GhIssue): ItemFacts {
  const closed = i.state === 'closed';
  const merged = iso((i.pull_request as { merged_at?: string | null } | null | undefined)?.merged_at);
  return {
    kind: i.pull_request ? 'pull' : 'issue',
    title: i.title,
    state: merged ? 'merged' : closed ? 'closed' : 'open',
    openedAt: iso(i.created_at)!,
    mergedAt: merged,
    closedAt: closed ? iso(i.closed_at) : null,
    author: i.user?.login ?? null,
  };
}

const noun = (k: GitHubItemKind) => (k === 'pull' ? 'Pull request' : 'Issue');

/**
 * The moments of an item as timeline entries: opened; merged (a pull request), else closed. A closing carries its
 * time in the ref, so an issue closed, reopened and closed again gives two entries, and a re-read gives none new.
 */
export function entriesOf(link: Omit<GitHubLink, 'kind'>, f: ItemFacts): ImportedEntry[] {
  const key = gitHubKey(link);
  const name = `${link.owner}/${link.repo}#${link.number}`;
  const text = (what: string) => `${noun(f.kind)} ${what}: ${f.title} (${name})\n${link.url}`;
  const one = (moment: string, at: string, what: string, actor: string | null): ImportedEntry => ({
    source: 'github',
    vendorRef: `${key}:${moment}`,
    at,
    kind: `${f.kind}.${what}`,
    body: text(what),
    actor,
    url: link.url,
  });
  const out = [one('opened', f.openedAt, 'opened', f.author)];
  if (f.mergedAt) out.push(one('merged', f.mergedAt, 'merged', null));
  else if (f.closedAt) out.push(one(`closed@${f.closedAt}`, f.closedAt, 'closed', null));
  return out;
}
