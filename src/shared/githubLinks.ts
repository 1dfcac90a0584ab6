// GitHub issue and pull request links in free text (notes, Slack messages, ticket replies), and what Conn knows of
// each linked item. The one parser: the core hydrates what it finds, the timeline puts a chip on the entry.

export type GitHubItemKind = 'issue' | 'pull';
export type GitHubItemState = 'open' | 'closed' | 'merged';

export interface GitHubLink {
  owner: string;
  repo: string;
  kind: GitHubItemKind;
  number: number;
  /** The link as Conn shows it: https://<host>/<owner>/<repo>/(issues|pull)/<n>, without what followed the number. */
  url: string;
}

/** A linked issue or pull request as last read from GitHub (title and state null until first read). */
export interface GitHubItem {
  incidentId: string;
  /** `owner/repo#number`, lower-case: GitHub's names are case-insensitive. */
  key: string;
  owner: string;
  repo: string;
  kind: GitHubItemKind;
  number: number;
  url: string;
  title: string | null;
  state: GitHubItemState | null;
  openedAt: string | null;
  mergedAt: string | null;
  closedAt: string | null;
  lastPolledAt: string | null;
  /** Why the last read failed (not found, no access…), in words; null when it worked. */
  problem: string | null;
}

/** github.com always; GitHub Enterprise Server's host when one is configured. */
export const GITHUB_HOST = 'github.com';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The key of an item: `owner/repo#number`, lower-case. */
export const gitHubKey = (l: Pick<GitHubLink, 'owner' | 'repo' | 'number'>): string =>
  `${l.owner.toLowerCase()}/${l.repo.toLowerCase()}#${l.number}`;

/** The web host of a GitHub API root: none for api.github.com (github.com is always known), else its host. */
export function webHostOfApi(apiUrl: string | null | undefined): string | null {
  if (!apiUrl) return null;
  try {
    const host = new URL(apiUrl).host.toLowerCase();
    return host === 'api.github.com' || host === GITHUB_HOST ? null : host;
  } catch {
    return null;
  }
}

/** www.github.com is github.com. */
const webHost = (host: string) => {
  const h = host.toLowerCase();
  return h === `www.${GITHUB_HOST}` ? GITHUB_HOST : h;
};

// The parts of a link's pattern after its host, each one capture: owner, repository, issues|pull, number.
const OWNER_PART = '([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))';
const REPO_PART = '([A-Za-z0-9._-]{1,100})';
const ITEM_PART = '(issues|pull)/(\\d{1,9})';
/** Any host name, for `anyHost`. */
const ANY_HOST_PART = '[A-Za-z0-9.-]+';

/** A link on one of the hosts `hostAlt` (a regex alternation), capturing host, owner, repository, kind and number. */
function linkRegExp(hostAlt: string): RegExp {
  // Not inside a longer word or host (xgithub.com, github.com.evil.example); the number ends at a non-word character,
  // so trailing punctuation (".", ")", ",", "|" of a Slack link, "]" of Markdown) is left out.
  return new RegExp(`(?<![\\w.@-])https?://(${hostAlt})/${OWNER_PART}/${REPO_PART}/${ITEM_PART}(?![\\w-])`, 'gi');
}

function linkPattern(hosts: readonly string[]): RegExp {
  const names = [GITHUB_HOST, `www.${GITHUB_HOST}`, ...hosts.filter(Boolean).map((h) => h.toLowerCase())];
  return linkRegExp([...new Set(names)].map(escape).join('|'));
}

/**
 * Every distinct GitHub issue or pull request link in a text, in order of first appearance. Only github.com (and
 * www.github.com) and the given hosts (a GitHub Enterprise Server) count; `anyHost` accepts every host (the
 * timeline matching a chip to an item Conn already knows).
 */
export function findGitHubLinks(text: string, hosts: readonly string[] = [], anyHost = false): GitHubLink[] {
  const out: GitHubLink[] = [];
  const seen = new Set<string>();
  if (!text || !/\/(issues|pull)\//i.test(text)) return out;
  const re = anyHost ? linkRegExp(ANY_HOST_PART) : linkPattern(hosts);
  for (const m of text.matchAll(re)) {
    const [, host, owner, repoRaw, what, num] = m as unknown as [string, string, string, string, string, string];
    const repo = repoRaw.replace(/\.git$/i, '');
    const number = Number(num);
    if (!repo || repo === '.' || repo === '..' || number < 1) continue;
    const kind: GitHubItemKind = what.toLowerCase() === 'pull' ? 'pull' : 'issue';
    const link = {
      owner,
      repo,
      kind,
      number,
      url: `https://${webHost(host)}/${owner}/${repo}/${kind === 'pull' ? 'pull' : 'issues'}/${number}`,
    };
    const key = gitHubKey(link);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(link);
  }
  return out;
}

/** One link (a whole URL, as pasted, any host), or null. */
export function parseGitHubUrl(url: string): GitHubLink | null {
  const t = url.trim();
  if (!/^https?:\/\/\S+$/i.test(t)) return null;
  return findGitHubLinks(t, [], true)[0] ?? null;
}
