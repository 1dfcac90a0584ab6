// Chips for the GitHub issues and pull requests an entry links: title and state (open, merged, closed) in colour,
// opening GitHub in the browser. Only items the core has read appear; without a GitHub connection links stay text.
import { findGitHubLinks, gitHubKey, type GitHubItem } from '../../../../shared/githubLinks';
import { safeHref } from '../notes/SafeMarkdown';

const hostOf = (url: string) => url.split('/')[2]?.toLowerCase() ?? '';

const stateWords: Record<string, string> = { open: 'open', closed: 'closed', merged: 'merged' };

export function GitHubChips({ body, items }: { body: string; items: ReadonlyMap<string, GitHubItem> | undefined }) {
  if (!items || items.size === 0) return null;
  // Any host is looked at, but only the item's own host matches (the core decided which hosts are GitHub's).
  const linked = findGitHubLinks(body, [], true)
    .map((l) => {
      const i = items.get(gitHubKey(l));
      return i && hostOf(i.url) === hostOf(l.url) ? i : undefined;
    })
    .filter((i): i is GitHubItem => !!i && i.title !== null);
  if (linked.length === 0) return null;
  return (
    <span className="gh-chips">
      {linked.map((i) => {
        const href = safeHref(i.url);
        const state = i.state ?? 'unknown';
        const what = i.kind === 'pull' ? 'Pull request' : 'Issue';
        const label = `${what} ${i.owner}/${i.repo}#${i.number}: ${i.title}, ${stateWords[state] ?? 'state unknown'}`;
        const inner = (
          <>
            <span className="gh-state">{stateWords[state] ?? '?'}</span>
            <span className="gh-title">{i.title}</span>
            <span className="gh-num">#{i.number}</span>
          </>
        );
        return href ? (
          <a
            key={i.key}
            className={`gh-chip gh-${state}`}
            href={href}
            target="_blank"
            rel="noreferrer"
            aria-label={label}
            title={label}
          >
            {inner}
          </a>
        ) : (
          <span key={i.key} className={`gh-chip gh-${state}`} aria-label={label} title={label}>
            {inner}
          </span>
        );
      })}
    </span>
  );
}
