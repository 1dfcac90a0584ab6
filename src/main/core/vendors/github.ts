// GitHub as a vendor port: action items as issues and the report by pull request (executors), the check that the
// report is published (merged), who the token is and where it may write (identify), and the record reader: the
// opened/merged/closed moments of the issues and pull requests an incident's record links.
import { webHostOfApi, type GitHubLink } from '../../../shared/githubLinks';
import { splitRepo } from '../../../shared/integrations';
import { githubChecks } from '../checks/vendorChecks';
import { readGitHub } from '../importer/record';
import { isVendorError } from '../integrations/errors';
import { createGitHubClient, type GitHubClient } from '../integrations/github/client';
import { githubExecutors } from '../outbox/vendors/github';
import type { VendorPort } from './port';

export const github: VendorPort<'github', GitHubClient, readonly GitHubLink[]> = {
  id: 'github',
  urlEnv: 'CONN_GITHUB_URL',
  // The environment's base URL (simulator, proxy) wins over the settings' Enterprise address; else github.com.
  client: (creds, baseUrl, deps) =>
    createGitHubClient(
      {
        token: creds.token,
        baseUrl: baseUrl ?? (creds.config.apiUrl || undefined),
        // Links on the Enterprise host of the settings are GitHub's, even when the environment points the API
        // elsewhere.
        webHost: webHostOfApi(creds.config.apiUrl),
      },
      deps,
    ),
  async identify(client, config) {
    const me = await client.getAuthenticatedUser();
    const repos = new Map<string, string[]>();
    for (const [repo, what] of [
      [config.actionItemRepo, 'action items'],
      [config.reportsRepo, 'reports'],
    ] as const)
      repos.set(repo, [...(repos.get(repo) ?? []), what]);
    const said = await Promise.all(
      [...repos].map(async ([repo, what]) => `${what.join(' and ')}: ${await canWrite(client, repo)}`),
    );
    return [`${me.login}${me.name ? ` (${me.name})` : ''}`, ...said].join('; ');
  },
  executors: githubExecutors,
  checks: githubChecks,
  readRecord: readGitHub,
};

/** Whether the token can write to a repository, in words. */
async function canWrite(client: GitHubClient, repo: string): Promise<string> {
  const { owner, repo: name } = splitRepo(repo);
  try {
    const p = await client.getRepoPermissions(owner, name);
    if (p.push === true) return `can write to ${repo}`;
    if (p.push === false) return `can read ${repo} but not write there (give the token write access to it)`;
    return `can read ${repo}; GitHub did not say whether it may write`;
  } catch (e) {
    if (isVendorError(e) && (e.kind === 'not_found' || e.kind === 'permission'))
      return `cannot see ${repo} (it does not exist, or the token was not given access to it)`;
    throw e;
  }
}
