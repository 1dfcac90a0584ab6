// `github.publishReport`: the report's files on the branch `conn/<incident>` and one pull request from it, exactly
// once. GitHub has no idempotency key for any of the four writes (branch, file, file, pull request), so every step
// reads first and writes only what is missing: a lost answer, a retry or a second publish after edits all converge
// on the same branch and the same pull request. The reconcile only reads.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { splitRepo } from '../../../../shared/integrations';
import { PUBLISH_MAX_BYTES } from '../../../../shared/outbox';
import type { PublishedReport } from '../../../../shared/publish';
import { isVendorError } from '../../integrations/errors';
import type { GitHubClient } from '../../integrations/github/client';
import type { GhPull } from '../../integrations/github/schemas';
import type { ExecContext, Executor } from '../executors';
import { asFailure, live, refuse, type LiveVendors } from './common';

/** A git blob's sha: what GitHub names a file's content by (so an unchanged file is never committed again). */
export const gitBlobSha = (bytes: Buffer): string =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');

/** The exported file as it was written when the job was queued. */
function readExport(f: { path: string; localFile: string; sha: string }): Buffer {
  let size: number;
  try {
    size = statSync(f.localFile).size;
  } catch {
    throw refuse(
      `The exported ${f.path} is no longer on this computer (${f.localFile}). Publish again to export it anew.`,
    );
  }
  if (size > PUBLISH_MAX_BYTES)
    throw refuse(
      `${f.path} is ${(size / 1024 / 1024).toFixed(1)} MB; ` +
        `Conn publishes files up to ${PUBLISH_MAX_BYTES / 1024 / 1024} MB ` +
        `through GitHub. Export it locally and add it to the repository by hand.`,
    );
  const bytes = readFileSync(f.localFile);
  if (gitBlobSha(bytes) !== f.sha)
    throw refuse(`The exported ${f.path} changed on disk since it was queued. Publish again to export it anew.`);
  return bytes;
}

type Payload = ExecContext<'github.publishReport'>['payload'];

interface Target {
  owner: string;
  name: string;
  base: string;
  repoUrl: string;
  head: string;
}

async function targetOf(client: GitHubClient, p: Payload): Promise<Target> {
  const { owner, repo } = splitRepo(p.repo);
  const info = await client.getRepo(owner, repo);
  return {
    owner,
    name: repo,
    base: info.default_branch || 'main',
    repoUrl: info.html_url || `https://github.com/${p.repo}`,
    head: `${owner}:${p.branch}`,
  };
}

const resultOf = (p: Payload, t: Target, pull: GhPull | null, state: PublishedReport['state']): PublishedReport => ({
  repo: p.repo,
  branch: p.branch,
  defaultBranch: t.base,
  repoUrl: t.repoUrl,
  number: pull?.number ?? null,
  url: pull?.html_url ?? null,
  state,
  files: p.files.map((f) => ({ path: f.path, sha: f.sha })),
});

/** The pull request from the branch still open, else the newest one (merged or closed), else null. */
async function pullsOf(client: GitHubClient, t: Target): Promise<{ open: GhPull | null; last: GhPull | null }> {
  const list = await client.listPulls(t.owner, t.name, t.head);
  return { open: list.find((x) => x.state === 'open') ?? null, last: list[0] ?? null };
}

/** Whether every file is on `ref` with exactly the published content. */
async function filesOn(client: GitHubClient, t: Target, p: Payload, ref: string): Promise<boolean> {
  for (const f of p.files) {
    const there = await client.getContent(t.owner, t.name, f.path, ref);
    if (there?.sha !== f.sha) return false;
  }
  return true;
}

const bodyWith = (p: Payload, marker: string) => `${p.body.trimEnd()}\n\n${marker}`;

/** The whole publish, each step read-first. */
async function publish(client: GitHubClient, p: Payload, marker: string): Promise<PublishedReport> {
  const files = p.files.map((f) => ({ ...f, bytes: readExport(f) }));
  const t = await targetOf(client, p);
  let { open, last } = await pullsOf(client, t);
  // Nothing left to do: no pull request open and the default branch already holds these very files (merged earlier).
  if (!open && (await filesOn(client, t, p, t.base))) return resultOf(p, t, last, 'merged');

  // The branch, from the default branch's head (a branch made by a lost answer is simply found).
  const branch = await client.getRef(t.owner, t.name, `heads/${p.branch}`);
  if (branch && !open && last?.merged_at) {
    // Edits after the merge: everything on the branch is on the default branch already, so the branch starts again
    // from there (a squash merge would otherwise leave the follow-up pull request in conflict).
    const base = await client.getRef(t.owner, t.name, `heads/${t.base}`);
    if (base && base.object.sha !== branch.object.sha)
      await client.updateRef(t.owner, t.name, `heads/${p.branch}`, base.object.sha, true);
  } else if (!branch) {
    const base = await client.getRef(t.owner, t.name, `heads/${t.base}`);
    if (!base) throw refuse(`${p.repo} has no default branch ${t.base} to branch from.`);
    try {
      await client.createRef(t.owner, t.name, `refs/heads/${p.branch}`, base.object.sha);
    } catch (err) {
      if (!(isVendorError(err) && err.kind === 'conflict')) throw err; // "Reference already exists": made meanwhile
    }
  }

  // The files: only those whose content differs from the branch's, replacing by the current blob's sha.
  for (const f of files) {
    const there = await client.getContent(t.owner, t.name, f.path, p.branch);
    if (there?.sha === f.sha) continue;
    await client.putContent(t.owner, t.name, f.path, {
      message: p.message,
      contentBase64: f.bytes.toString('base64'),
      branch: p.branch,
      ...(there ? { sha: there.sha } : {}),
    });
  }

  // The pull request: the open one is updated (its description follows the overview), else one is opened.
  const body = bodyWith(p, marker);
  if (open) {
    if ((open.body ?? '') !== body || open.title !== p.title)
      open = await client.updatePull(t.owner, t.name, open.number, { title: p.title, body });
    return resultOf(p, t, open, 'open');
  }
  // Closed without merging: the same pull request is reopened rather than a second one opened beside it.
  if (last && last.state === 'closed' && !last.merged_at) {
    try {
      open = await client.updatePull(t.owner, t.name, last.number, { state: 'open', title: p.title, body });
      return resultOf(p, t, open, 'open');
    } catch (err) {
      // GitHub refuses to reopen when the branch was deleted meanwhile (recreated above): open a new one then.
      if (!(isVendorError(err) && (err.kind === 'validation' || err.kind === 'conflict'))) throw err;
    }
  }
  try {
    open = await client.createPull(t.owner, t.name, { title: p.title, head: p.branch, base: t.base, body });
  } catch (err) {
    // "A pull request already exists": one opened by an earlier attempt whose answer was lost.
    if (!(isVendorError(err) && err.kind === 'conflict')) throw err;
    ({ open, last } = await pullsOf(client, t));
    if (!open) throw err;
  }
  return resultOf(p, t, open, 'open');
}

export function publishReportExecutor(v: LiveVendors): Executor<'github.publishReport'> {
  return {
    async send(job, ctx) {
      try {
        const gh = live('github', v.github());
        return { status: 'done', result: await publish(gh.client, ctx.payload, `<!-- ${ctx.marker} -->`) };
      } catch (err) {
        return { status: 'failed', failure: asFailure(err) };
      }
    },
    /**
     * Reads only: done when an open pull request from the branch carries this job's marker and the branch holds
     * these files (or the default branch does, merged). Anything short of that is "not sent": the send reads first
     * and finishes only what is missing, so sending again never makes a second branch or pull request.
     */
    async reconcile(_job, ctx) {
      const gh = live('github', v.github());
      const p = ctx.payload;
      const t = await targetOf(gh.client, p);
      const { open, last } = await pullsOf(gh.client, t);
      if (open && (open.body ?? '').includes(ctx.marker) && (await filesOn(gh.client, t, p, p.branch)))
        return { status: 'done', result: resultOf(p, t, open, 'open') };
      if (!open && (await filesOn(gh.client, t, p, t.base)))
        return { status: 'done', result: resultOf(p, t, last, 'merged') };
      return { status: 'not_sent' };
    },
  };
}
