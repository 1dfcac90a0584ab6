// GitHub's executors: one send + reconcile per job kind (see docs/VENDORS.md). GitHub has no idempotency key, so
// every write carries Conn's marker and a lost answer is looked up by it, never sent again blindly.
import { splitRepo } from '../../../../shared/integrations';
import { markerFor } from '../../integrations';
import type { GitHubClient } from '../../integrations/github/client';
import type { GhIssue } from '../../integrations/github/schemas';
import type { Executor, ExecutorRegistry } from '../executors';
import { asFailure, live, type LiveVendors } from './common';
import { publishReportExecutor } from './githubPublish';

/** The marker as GitHub carries it: an HTML comment, invisible on the rendered issue. */
export const githubMarker = (jobId: string): string => `<!-- ${markerFor(jobId)} -->`;

/** What `github.createIssue` returns (the action item takes its issue from it). */
export interface CreatedIssue {
  repo: string;
  number: number;
  url: string;
  state: string;
}

const created = (repo: string, issue: GhIssue): CreatedIssue => ({
  repo,
  number: issue.number,
  url: issue.html_url,
  state: issue.state,
});

/** The login behind the token, asked once per client (the reconcile lists the issues this user opened). */
const logins = new WeakMap<GitHubClient, Promise<string>>();
function loginOf(client: GitHubClient): Promise<string> {
  let p = logins.get(client);
  if (!p) {
    p = client.getAuthenticatedUser().then((u) => u.login);
    p.catch(() => logins.delete(client));
    logins.set(client, p);
  }
  return p;
}

export function githubExecutors(v: LiveVendors): ExecutorRegistry {
  const createIssue: Executor<'github.createIssue'> = {
    async send(job, ctx) {
      try {
        const gh = live('github', v.github());
        const { owner, repo } = splitRepo(ctx.payload.repo);
        const issue = await gh.client.createIssue(owner, repo, {
          title: ctx.payload.title,
          body: `${ctx.payload.body.trimEnd()}\n\n${githubMarker(job.id)}`,
          labels: gh.config.labels,
        });
        return { status: 'done', result: created(ctx.payload.repo, issue) };
      } catch (err) {
        return { status: 'failed', failure: asFailure(err) };
      }
    },
    async reconcile(job, ctx) {
      const gh = live('github', v.github());
      const { owner, repo } = splitRepo(ctx.payload.repo);
      // The issues list by creator, newest first (not the search API: its index lags behind a fresh issue).
      const found = await gh.client.findIssueByMarker(owner, repo, await loginOf(gh.client), markerFor(job.id));
      if (!found) return { status: 'not_sent' };
      return { status: 'done', result: created(ctx.payload.repo, found) };
    },
  };
  return { 'github.createIssue': createIssue, 'github.publishReport': publishReportExecutor(v) };
}
