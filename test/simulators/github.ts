// GitHub REST simulator: token auth (401 "Bad credentials"), per-repository permissions (404 where the token cannot
// see, 403 where it cannot write), issues (create, list with creator/state/sort/direction/since/per_page/page and a
// Link header, get with ETag → 304), git refs, contents (base64, blob sha checks: 409 on a stale sha, 422 without
// one), pulls (list by head, create, update, get with ETag), x-ratelimit-* on every answer and the primary limit.
import { createHash } from 'node:crypto';
import type { SimRequest, SimResponse } from './types';

export interface GhUserRec {
  login: string;
  id: number;
  name: string | null;
}

/** What an issue and a pull request share (GitHub numbers both in one sequence per repository). */
export interface GhThreadRec {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface GhIssueRec extends GhThreadRec {
  state_reason: string | null;
  labels: string[];
}

export interface GhPullRec extends GhThreadRec {
  head: string;
  base: string;
  merged_at: string | null;
}

export interface GhFileRec {
  /** The bytes, base64 (no line breaks). */
  content: string;
  sha: string;
}

export interface GhCommitRec {
  sha: string;
  parent: string | null;
  message: string;
  files: Map<string, GhFileRec>;
}

export interface GhRepoRec {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  /** What each login may do here; a login absent here cannot see the repository (404). */
  access: Map<string, 'read' | 'write' | 'admin'>;
  issues: GhIssueRec[];
  pulls: GhPullRec[];
  /** Branch name (without refs/heads/) → commit sha. */
  branches: Map<string, string>;
  commits: Map<string, GhCommitRec>;
  /** Issues and pulls share one number sequence, as on GitHub. */
  nextNumber: number;
}

export interface GhState {
  tokens: Map<string, { login: string; revoked: boolean }>;
  users: GhUserRec[];
  repos: GhRepoRec[];
  seq: number;
  rate: { limit: number; used: number; resetAt: number };
}

export const newGhState = (): GhState => ({
  tokens: new Map(),
  users: [],
  repos: [],
  seq: 5_000_000,
  rate: { limit: 5000, used: 0, resetAt: 0 },
});

const DOCS = 'https://docs.github.com/rest';
const err = (status: number, message: string, extra: Record<string, unknown> = {}): SimResponse => ({
  status,
  body: { message, documentation_url: DOCS, status: String(status), ...extra },
});
const notFound = () => err(404, 'Not Found');
const invalid = (resource: string, field: string, code = 'missing_field') =>
  err(422, 'Validation Failed', { errors: [{ resource, field, code }] });

export const blobSha = (base64: string): string => {
  const bytes = Buffer.from(base64, 'base64');
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');
};

/** Adds a repository with a first commit on its default branch (seed and tests). */
export function addRepo(
  s: GhState,
  full: string,
  access: Record<string, 'read' | 'write' | 'admin'>,
  files: Record<string, string> = { 'README.md': '# readme\n' },
): GhRepoRec {
  const [owner = '', name = ''] = full.split('/');
  const fileMap = new Map<string, GhFileRec>();
  for (const [p, text] of Object.entries(files)) {
    const content = Buffer.from(text).toString('base64');
    fileMap.set(p, { content, sha: blobSha(content) });
  }
  const sha = commitSha(`init ${full}`);
  const repo: GhRepoRec = {
    id: ++s.seq,
    owner,
    name,
    defaultBranch: 'main',
    private: false,
    access: new Map(Object.entries(access)),
    issues: [],
    pulls: [],
    branches: new Map([['main', sha]]),
    commits: new Map([[sha, { sha, parent: null, message: 'Initial commit', files: fileMap }]]),
    nextNumber: 1,
  };
  s.repos.push(repo);
  return repo;
}

const commitSha = (seed: string) => createHash('sha1').update(seed).digest('hex');

/** Someone opens a pull request on GitHub (tests): a branch `head` off the default branch and an open PR from it. */
/** A new issue's or pull request's shared fields: open, at `at`, with the repository's next number. */
const openThread = (
  repo: GhRepoRec,
  o: { id: number; title: string; body: string | null; user: string; at: string },
): GhThreadRec => ({
  id: o.id,
  number: repo.nextNumber++,
  title: o.title,
  body: o.body,
  state: 'open',
  user: o.user,
  created_at: o.at,
  updated_at: o.at,
  closed_at: null,
});

export function openPull(
  repo: GhRepoRec,
  o: { id: number; title: string; user: string; head: string; at: string },
): GhPullRec {
  const pr: GhPullRec = { ...openThread(repo, { ...o, body: null }), head: o.head, base: 'main', merged_at: null };
  repo.branches.set(pr.head, repo.branches.get(pr.base)!);
  repo.pulls.push(pr);
  return pr;
}

/** Merges a pull request: the head branch's files land on the base branch as one new commit (control API). */
export function mergePull(s: GhState, repo: GhRepoRec, number: number, at: string): GhPullRec | null {
  const pr = repo.pulls.find((p) => p.number === number);
  if (!pr || pr.state !== 'open') return null;
  const headSha = repo.branches.get(pr.head);
  const baseSha = repo.branches.get(pr.base);
  if (!headSha || !baseSha) return null;
  const files = new Map(repo.commits.get(baseSha)!.files);
  for (const [p, f] of repo.commits.get(headSha)!.files) files.set(p, f);
  const sha = commitSha(`merge ${repo.owner}/${repo.name}#${number} ${++s.seq}`);
  repo.commits.set(sha, { sha, parent: baseSha, message: `Merge pull request #${number}`, files });
  repo.branches.set(pr.base, sha);
  Object.assign(pr, { state: 'closed', merged_at: at, closed_at: at, updated_at: at });
  return pr;
}

export function githubHandler(state: GhState, now: () => number) {
  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const userOf = (login: string) =>
    state.users.find((u) => u.login === login) ?? { login, id: 0, name: null as string | null };

  function simpleUser(login: string, base: string) {
    const u = userOf(login);
    const api = `${base}/users/${u.login}`;
    return {
      login: u.login,
      id: u.id,
      node_id: `U_${u.id}`,
      avatar_url: `https://avatars.example/u/${u.id}`,
      gravatar_id: '',
      url: api,
      html_url: `https://github.com/${u.login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: 'User',
      site_admin: false,
    };
  }

  function issueJson(r: GhRepoRec, i: GhIssueRec, base: string) {
    const api = `${base}/repos/${r.owner}/${r.name}/issues/${i.number}`;
    return {
      id: i.id,
      node_id: `I_${i.id}`,
      url: api,
      repository_url: `${base}/repos/${r.owner}/${r.name}`,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `https://github.com/${r.owner}/${r.name}/issues/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.state_reason,
      title: i.title,
      body: i.body,
      user: simpleUser(i.user, base),
      labels: i.labels.map((name, n) => ({
        id: 9000 + n,
        node_id: `LA_${n}`,
        url: `${base}/repos/${r.owner}/${r.name}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: 'ededed',
        default: false,
      })),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: 0,
      closed_at: i.closed_at,
      created_at: i.created_at,
      updated_at: i.updated_at,
      author_association: 'MEMBER',
    };
  }

  function pullAsIssueJson(r: GhRepoRec, p: GhPullRec, base: string) {
    const asIssue: GhIssueRec = { ...p, state_reason: null, labels: [] };
    return {
      ...issueJson(r, asIssue, base),
      html_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}`,
      pull_request: {
        url: `${base}/repos/${r.owner}/${r.name}/pulls/${p.number}`,
        html_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}`,
        diff_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}.diff`,
        patch_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}.patch`,
        merged_at: p.merged_at,
      },
    };
  }

  function pullJson(r: GhRepoRec, p: GhPullRec, base: string, full: boolean) {
    const api = `${base}/repos/${r.owner}/${r.name}/pulls/${p.number}`;
    const branch = (ref: string) => ({
      label: `${r.owner}:${ref}`,
      ref,
      sha: r.branches.get(ref) ?? '0'.repeat(40),
      user: simpleUser(r.owner, base),
      repo: repositoryJson(r, base),
    });
    const href = (h: string) => ({ href: h });
    return {
      url: api,
      id: p.id,
      node_id: `PR_${p.id}`,
      html_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}`,
      diff_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}.diff`,
      patch_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}.patch`,
      issue_url: `${base}/repos/${r.owner}/${r.name}/issues/${p.number}`,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${base}/repos/${r.owner}/${r.name}/pulls/comments{/number}`,
      comments_url: `${base}/repos/${r.owner}/${r.name}/issues/${p.number}/comments`,
      statuses_url: `${base}/repos/${r.owner}/${r.name}/statuses/${r.branches.get(p.head) ?? ''}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: simpleUser(p.user, base),
      body: p.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: p.created_at,
      updated_at: p.updated_at,
      closed_at: p.closed_at,
      merged_at: p.merged_at,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: branch(p.head),
      base: branch(p.base),
      _links: {
        self: href(api),
        html: href(`https://github.com/${r.owner}/${r.name}/pull/${p.number}`),
        issue: href(`${base}/repos/${r.owner}/${r.name}/issues/${p.number}`),
        comments: href(`${base}/repos/${r.owner}/${r.name}/issues/${p.number}/comments`),
        review_comments: href(`${api}/comments`),
        review_comment: href(`${base}/repos/${r.owner}/${r.name}/pulls/comments{/number}`),
        commits: href(`${api}/commits`),
        statuses: href(`${base}/repos/${r.owner}/${r.name}/statuses/${r.branches.get(p.head) ?? ''}`),
      },
      author_association: 'MEMBER',
      auto_merge: null,
      draft: false,
      ...(full
        ? {
            merged: p.merged_at !== null,
            mergeable: p.state === 'open' ? true : null,
            rebaseable: null,
            mergeable_state: p.state === 'open' ? 'clean' : 'unknown',
            merged_by: p.merged_at ? simpleUser(r.owner, base) : null,
            comments: 0,
            review_comments: 0,
            maintainer_can_modify: false,
            commits: 1,
            additions: 1,
            deletions: 0,
            changed_files: 1,
          }
        : {}),
    };
  }

  /** The repository as GitHub describes it (every documented `…_url`, counts and flags), as in pull heads. */
  function repositoryJson(r: GhRepoRec, base: string) {
    const api = `${base}/repos/${r.owner}/${r.name}`;
    const web = `https://github.com/${r.owner}/${r.name}`;
    const urls = Object.fromEntries(
      [
        'archive',
        'assignees',
        'blobs',
        'branches',
        'collaborators',
        'comments',
        'commits',
        'compare',
        'contents',
        'contributors',
        'deployments',
        'downloads',
        'events',
        'forks',
        'git_commits',
        'git_refs',
        'git_tags',
        'hooks',
        'issue_comment',
        'issue_events',
        'issues',
        'keys',
        'labels',
        'languages',
        'merges',
        'milestones',
        'notifications',
        'pulls',
        'releases',
        'stargazers',
        'statuses',
        'subscribers',
        'subscription',
        'tags',
        'teams',
        'trees',
      ].map((k) => [`${k}_url`, `${api}/${k.replace('_', '/')}`]),
    );
    return {
      ...urls,
      id: r.id,
      node_id: `R_${r.id}`,
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      owner: simpleUser(r.owner, base),
      private: r.private,
      html_url: web,
      description: null,
      fork: false,
      url: api,
      clone_url: `${web}.git`,
      git_url: `git://github.com/${r.owner}/${r.name}.git`,
      ssh_url: `git@github.com:${r.owner}/${r.name}.git`,
      svn_url: web,
      mirror_url: null,
      homepage: null,
      language: null,
      license: null,
      default_branch: r.defaultBranch,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 1,
      open_issues: r.issues.filter((i) => i.state === 'open').length,
      open_issues_count: r.issues.filter((i) => i.state === 'open').length,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: false,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: r.private ? 'private' : 'public',
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      pushed_at: '2026-01-01T00:00:00Z',
    };
  }

  function repoJson(r: GhRepoRec, login: string, base: string) {
    const level = r.access.get(login);
    return {
      ...repositoryJson(r, base),
      network_count: 0,
      subscribers_count: 0,
      permissions: {
        admin: level === 'admin',
        maintain: level === 'admin',
        push: level === 'write' || level === 'admin',
        triage: level === 'write' || level === 'admin',
        pull: true,
      },
    };
  }

  /** A weak ETag over the answer, as GitHub sends; equal answers, equal tags. */
  const etagOf = (body: unknown) =>
    `W/"${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)}"`;

  function conditional(req: SimRequest, body: unknown): SimResponse {
    const etag = etagOf(body);
    const asked = req.headers['if-none-match'];
    if (asked && asked.split(',').some((t) => t.trim() === etag)) return { status: 304, headers: { etag } };
    return { status: 200, headers: { etag }, body };
  }

  function paginate(req: SimRequest, items: unknown[]): SimResponse {
    const perPage = Number(req.query.get('per_page') ?? 30);
    const page = Number(req.query.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1) return err(422, 'Invalid per_page');
    const per = Math.min(perPage, 100); // GitHub caps silently at 100
    if (!Number.isInteger(page) || page < 1) return err(422, 'Invalid page');
    const last = Math.max(1, Math.ceil(items.length / per));
    const link = (p: number, rel: string) => {
      const u = new URL(req.baseUrl + req.path);
      req.query.forEach((v, k) => u.searchParams.set(k, v));
      u.searchParams.set('page', String(p));
      u.searchParams.set('per_page', String(per));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    return {
      status: 200,
      headers: links.length ? { link: links.join(', ') } : {},
      body: items.slice((page - 1) * per, page * per),
    };
  }

  function rate(counted: boolean): { headers: Record<string, string>; exceeded: boolean } {
    const t = now();
    if (t >= state.rate.resetAt) state.rate = { ...state.rate, used: 0, resetAt: t + 3_600_000 };
    if (counted) state.rate.used++;
    const remaining = Math.max(0, state.rate.limit - state.rate.used);
    return {
      headers: {
        'x-ratelimit-limit': String(state.rate.limit),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(Math.ceil(state.rate.resetAt / 1000)),
        'x-ratelimit-used': String(state.rate.used),
        'x-ratelimit-resource': 'core',
      },
      exceeded: counted && state.rate.used > state.rate.limit,
    };
  }

  const fileJson = (r: GhRepoRec, path: string, f: GhFileRec, base: string, ref: string) => ({
    type: 'file',
    encoding: 'base64',
    size: Buffer.from(f.content, 'base64').length,
    name: path.split('/').pop(),
    path,
    content: (f.content.match(/.{1,60}/g) ?? ['']).join('\n'),
    sha: f.sha,
    url: `${base}/repos/${r.owner}/${r.name}/contents/${path}?ref=${ref}`,
    git_url: `${base}/repos/${r.owner}/${r.name}/git/blobs/${f.sha}`,
    html_url: `https://github.com/${r.owner}/${r.name}/blob/${ref}/${path}`,
    download_url: `https://raw.githubusercontent.com/${r.owner}/${r.name}/${ref}/${path}`,
    _links: {
      self: `${base}/repos/${r.owner}/${r.name}/contents/${path}?ref=${ref}`,
      git: `${base}/repos/${r.owner}/${r.name}/git/blobs/${f.sha}`,
      html: `https://github.com/${r.owner}/${r.name}/blob/${ref}/${path}`,
    },
  });

  const refJson = (r: GhRepoRec, branch: string, base: string) => ({
    ref: `refs/heads/${branch}`,
    node_id: `REF_${branch}`,
    url: `${base}/repos/${r.owner}/${r.name}/git/refs/heads/${branch}`,
    object: {
      type: 'commit',
      sha: r.branches.get(branch)!,
      url: `${base}/repos/${r.owner}/${r.name}/git/commits/${r.branches.get(branch)}`,
    },
  });

  const isAncestor = (r: GhRepoRec, old: string, from: string): boolean => {
    for (let at: string | null = from; at; at = r.commits.get(at)?.parent ?? null) if (at === old) return true;
    return false;
  };

  return (req: SimRequest): SimResponse => {
    const m = /^(?:token|Bearer) (.+)$/i.exec(req.headers.authorization ?? '');
    const tok = m ? state.tokens.get(m[1]!.trim()) : undefined;
    if (!tok || tok.revoked) {
      const r = rate(false);
      return { ...err(401, 'Bad credentials'), headers: r.headers };
    }
    const login = tok.login;
    // A 304 answer is free (GitHub does not count it); so is nothing else.
    let response = route(req, login);
    const free = response.status === 304;
    const r = rate(!free);
    if (r.exceeded)
      response = err(403, `API rate limit exceeded for user ID ${userOf(login).id}.`, {
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      });
    return { ...response, headers: { ...r.headers, ...(response.headers ?? {}) } };
  };

  function route(req: SimRequest, login: string): SimResponse {
    const base = req.baseUrl;
    // Octokit sends `heads/main` and `reports/x.md` as one encoded segment; GitHub reads them as paths.
    const parts = req.path.split('/').map(decodeURIComponent).join('/').split('/').filter(Boolean);
    const method = req.method;
    if (method === 'GET' && req.path === '/user') {
      const u = userOf(login);
      return {
        status: 200,
        body: {
          ...simpleUser(login, base),
          name: u.name,
          company: null,
          blog: '',
          location: null,
          email: null,
          hireable: null,
          bio: null,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: '2020-01-01T00:00:00Z',
          updated_at: '2026-01-01T00:00:00Z',
        },
      };
    }
    if (parts[0] !== 'repos' || parts.length < 3) return notFound();
    const repo = state.repos.find(
      (x) => x.owner.toLowerCase() === parts[1]!.toLowerCase() && x.name.toLowerCase() === parts[2]!.toLowerCase(),
    );
    const level = repo?.access.get(login);
    if (!repo || !level) return notFound();
    const canWrite = level === 'write' || level === 'admin';
    const forbidden = () => err(403, 'Resource not accessible by personal access token');
    const rest = parts.slice(3);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const at = iso();
    /** An issue or pull request this request makes: the next id, the caller's, now, with the body it sent. */
    const made = (title: string) => ({
      id: ++state.seq,
      title,
      body: typeof body.body === 'string' ? body.body : null,
      user: login,
      at,
    });

    if (rest.length === 0 && method === 'GET') return { status: 200, body: repoJson(repo, login, base) };

    // Issues
    if (rest[0] === 'issues' && rest.length === 1) {
      if (method === 'POST') {
        if (!canWrite) return forbidden();
        if (typeof body.title !== 'string' || !body.title.trim()) return invalid('Issue', 'title');
        if (body.body !== undefined && body.body !== null && typeof body.body !== 'string')
          return invalid('Issue', 'body', 'invalid');
        const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
        const i: GhIssueRec = { ...openThread(repo, made(body.title)), state_reason: null, labels };
        repo.issues.push(i);
        return { status: 201, headers: { location: issueJson(repo, i, base).url }, body: issueJson(repo, i, base) };
      }
      if (method === 'GET') {
        const st = req.query.get('state') ?? 'open';
        if (!['open', 'closed', 'all'].includes(st)) return invalid('Issue', 'state', 'invalid');
        const creator = req.query.get('creator');
        const since = req.query.get('since');
        const sort = req.query.get('sort') ?? 'created';
        const dir = req.query.get('direction') ?? 'desc';
        const all = [
          ...repo.issues.map((i) => ({ rec: i as GhIssueRec | GhPullRec, json: issueJson(repo, i, base) })),
          ...repo.pulls.map((p) => ({ rec: p as GhIssueRec | GhPullRec, json: pullAsIssueJson(repo, p, base) })),
        ]
          .filter((x) => st === 'all' || x.rec.state === st)
          .filter((x) => !creator || x.rec.user.toLowerCase() === creator.toLowerCase())
          .filter((x) => !since || x.rec.updated_at >= since)
          .sort((a, b) => {
            const key = sort === 'updated' ? 'updated_at' : 'created_at';
            const c = a.rec[key].localeCompare(b.rec[key]) || a.rec.number - b.rec.number;
            return dir === 'asc' ? c : -c;
          });
        return paginate(
          req,
          all.map((x) => x.json),
        );
      }
    }
    if (rest[0] === 'issues' && rest.length === 2 && /^\d+$/.test(rest[1]!)) {
      const n = Number(rest[1]);
      const i = repo.issues.find((x) => x.number === n);
      const p = repo.pulls.find((x) => x.number === n);
      if (method === 'GET') {
        if (i) return conditional(req, issueJson(repo, i, base));
        if (p) return conditional(req, pullAsIssueJson(repo, p, base));
        return notFound();
      }
    }

    // Pulls
    if (rest[0] === 'pulls' && rest.length === 1) {
      if (method === 'GET') {
        const head = req.query.get('head');
        const st = req.query.get('state') ?? 'open';
        const list = repo.pulls
          .filter((p) => st === 'all' || p.state === st)
          .filter((p) => !head || `${repo.owner}:${p.head}` === head || p.head === head)
          .sort((a, b) => b.number - a.number)
          .map((p) => pullJson(repo, p, base, false));
        return paginate(req, list);
      }
      if (method === 'POST') {
        if (!canWrite) return forbidden();
        const head = typeof body.head === 'string' ? body.head.replace(/^[^:]+:/, '') : '';
        const baseBranch = typeof body.base === 'string' ? body.base : '';
        if (typeof body.title !== 'string' || !body.title) return invalid('PullRequest', 'title');
        if (!repo.branches.has(head)) return invalid('PullRequest', 'head', 'invalid');
        if (!repo.branches.has(baseBranch)) return invalid('PullRequest', 'base', 'invalid');
        if (repo.pulls.some((p) => p.head === head && p.base === baseBranch && p.state === 'open'))
          return err(422, 'Validation Failed', {
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `A pull request already exists for ${repo.owner}:${head}.`,
              },
            ],
          });
        if (repo.branches.get(head) === repo.branches.get(baseBranch))
          return err(422, 'Validation Failed', {
            errors: [
              { resource: 'PullRequest', code: 'custom', message: `No commits between ${baseBranch} and ${head}` },
            ],
          });
        const p: GhPullRec = { ...openThread(repo, made(body.title)), head, base: baseBranch, merged_at: null };
        repo.pulls.push(p);
        return { status: 201, body: pullJson(repo, p, base, true) };
      }
    }
    if (rest[0] === 'pulls' && rest.length === 2 && /^\d+$/.test(rest[1]!)) {
      const p = repo.pulls.find((x) => x.number === Number(rest[1]));
      if (!p) return notFound();
      if (method === 'GET') return conditional(req, pullJson(repo, p, base, true));
      if (method === 'PATCH') {
        if (!canWrite) return forbidden();
        if (typeof body.title === 'string') p.title = body.title;
        if (typeof body.body === 'string') p.body = body.body;
        if (body.state === 'closed' && p.state === 'open') Object.assign(p, { state: 'closed', closed_at: at });
        if (body.state === 'open' && p.state === 'closed' && !p.merged_at)
          Object.assign(p, { state: 'open', closed_at: null });
        p.updated_at = at;
        return { status: 200, body: pullJson(repo, p, base, true) };
      }
    }

    // Git refs: GET git/ref/heads/<branch>, POST git/refs, PATCH git/refs/heads/<branch>
    if (rest[0] === 'git' && rest[1] === 'ref' && rest[2] === 'heads' && method === 'GET') {
      const branch = rest.slice(3).join('/');
      if (!repo.branches.has(branch)) return notFound();
      return { status: 200, body: refJson(repo, branch, base) };
    }
    if (rest[0] === 'git' && rest[1] === 'refs' && rest.length === 2 && method === 'POST') {
      if (!canWrite) return forbidden();
      const ref = typeof body.ref === 'string' ? body.ref : '';
      const sha = typeof body.sha === 'string' ? body.sha : '';
      if (!ref.startsWith('refs/') || ref.split('/').length < 3) return err(422, `${ref} is not a valid ref name.`);
      if (!repo.commits.has(sha)) return err(422, 'Object does not exist');
      const branch = ref.replace(/^refs\/heads\//, '');
      if (repo.branches.has(branch)) return err(422, 'Reference already exists');
      repo.branches.set(branch, sha);
      return { status: 201, body: refJson(repo, branch, base) };
    }
    if (rest[0] === 'git' && rest[1] === 'refs' && rest[2] === 'heads' && method === 'PATCH') {
      if (!canWrite) return forbidden();
      const branch = rest.slice(3).join('/');
      const old = repo.branches.get(branch);
      if (!old) return err(422, 'Reference does not exist');
      const sha = typeof body.sha === 'string' ? body.sha : '';
      if (!repo.commits.has(sha)) return err(422, 'Object does not exist');
      if (body.force !== true && !isAncestor(repo, old, sha)) return err(422, 'Update is not a fast forward');
      repo.branches.set(branch, sha);
      return { status: 200, body: refJson(repo, branch, base) };
    }

    // Contents
    if (rest[0] === 'contents' && rest.length >= 2) {
      const path = rest.slice(1).join('/');
      if (method === 'GET') {
        const ref = req.query.get('ref') ?? repo.defaultBranch;
        const sha = repo.branches.get(ref.replace(/^refs\/heads\//, '')) ?? (repo.commits.has(ref) ? ref : null);
        if (!sha) return err(404, `No commit found for the ref ${ref}`);
        const f = repo.commits.get(sha)!.files.get(path);
        if (!f) return notFound();
        return conditional(req, fileJson(repo, path, f, base, ref));
      }
      if (method === 'PUT') {
        if (!canWrite) return forbidden();
        if (typeof body.message !== 'string') return invalid('Commit', 'message');
        if (typeof body.content !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(body.content))
          return invalid('Commit', 'content', 'invalid');
        const branch = typeof body.branch === 'string' ? body.branch : repo.defaultBranch;
        const headSha = repo.branches.get(branch);
        if (!headSha) return err(404, `Branch ${branch} not found`);
        const files = new Map(repo.commits.get(headSha)!.files);
        const existing = files.get(path);
        const given = typeof body.sha === 'string' ? body.sha : undefined;
        if (existing && !given) return err(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
        if (existing && given !== existing.sha) return err(409, `${path} does not match ${given}`);
        if (!existing && given) return err(409, `${path} does not match ${given}`);
        const content = body.content.replace(/\s+/g, '');
        const f = { content, sha: blobSha(content) };
        files.set(path, f);
        const sha = commitSha(`${repo.owner}/${repo.name} ${branch} ${path} ${++state.seq}`);
        repo.commits.set(sha, { sha, parent: headSha, message: body.message, files });
        repo.branches.set(branch, sha);
        return {
          status: existing ? 200 : 201,
          body: {
            content: fileJson(repo, path, f, base, branch),
            commit: {
              sha,
              node_id: `C_${sha.slice(0, 8)}`,
              url: `${base}/repos/${repo.owner}/${repo.name}/git/commits/${sha}`,
              html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${sha}`,
              message: body.message,
              parents: [{ sha: headSha, url: '', html_url: '' }],
            },
          },
        };
      }
    }
    return notFound();
  }
}
