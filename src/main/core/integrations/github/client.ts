// The GitHub REST client: the official @octokit/rest, with Conn's fetch and timeout, no retries of its own (the outbox
// owns retries: @octokit/rest carries neither the retry nor the throttling plugin, and none is added), every failure
// one VendorError with the outbox's failure kinds, and conditional requests (ETag → 304) for polling.
import { Octokit } from '@octokit/rest';
import type { z } from 'zod';
import { VendorError, classifyTransportError, parseRetryAfter, vendorErrorFrom, type VendorErrorKind } from '../errors';
import { parseWith, redactDeep, type FetchFn, type HttpDeps } from '../http';
import { walkPages } from '../paging';
import * as S from './schemas';
import { parseGitHubUrl, webHostOfApi, type GitHubLink } from '../../../../shared/githubLinks';

export interface GitHubConfig {
  /** A fine-grained personal access token (github_pat_…). */
  token: string;
  /** The API root: https://api.github.com, or GitHub Enterprise Server's https://<host>/api/v3, or a simulator. */
  baseUrl?: string;
  /**
   * The web host of a GitHub Enterprise Server (github.example.org), whose issue and PR links count as GitHub's; by
   * default the host of `baseUrl` unless that is api.github.com. Set apart when `baseUrl` points at a proxy.
   */
  webHost?: string | null;
}

export const GITHUB_API = 'https://api.github.com';
/** The REST API version Conn was written against (GitHub's `X-GitHub-Api-Version`). */
export const GITHUB_API_VERSION = '2022-11-28';

/** What a conditional GET gives: the resource when it changed (or was first read), or only "unchanged" (304). */
export interface Conditional<T> {
  /** False on a 304: nothing changed since `etag` (and it did not count against the rate limit). */
  changed: boolean;
  /** The resource: fresh when changed, the cached copy on a 304 when this client read it before, else null. */
  data: T | null;
  /** The ETag to send next time (the old one on a 304). */
  etag: string | null;
}

export interface CreateIssueInput {
  title: string;
  body: string;
  labels?: readonly string[];
}

export interface PutContentInput {
  message: string;
  /** The file's bytes, base64. */
  contentBase64: string;
  branch?: string;
  /** The blob sha of the file being replaced (required by GitHub to update; absent to create). */
  sha?: string;
}

type Octo = InstanceType<typeof Octokit>;
interface OctoFailure {
  status?: number;
  message?: string;
  response?: { status: number; headers: Record<string, string | number | undefined>; data: unknown };
  cause?: unknown;
  name?: string;
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** GitHub's pages: the number of the `rel="next"` page in a Link header, or null on the last page. */
export function nextPageOf(link: string | null | undefined): number | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (!m) continue;
    try {
      const page = Number(new URL(m[1]!, 'https://api.github.com').searchParams.get('page'));
      return Number.isInteger(page) && page > 0 ? page : null;
    } catch {
      return null;
    }
  }
  return null;
}

const header = (h: Record<string, string | number | undefined> | undefined, name: string): string | null => {
  const v = h?.[name] ?? h?.[name.toLowerCase()];
  return v === undefined ? null : String(v);
};

/**
 * GitHub's failures in the outbox's kinds. Primary and secondary rate limits come as 403 or 429 with `retry-after`
 * or `x-ratelimit-remaining: 0` (wait until `x-ratelimit-reset`, epoch seconds); a secondary limit without either
 * header asks for at least a minute. 401 needs a new token; 404/422 are permanent; 5xx and the network are transient.
 */
export function classifyGitHub(
  operation: string,
  status: number,
  headers: Record<string, string | number | undefined>,
  body: unknown,
  isWrite: boolean,
  nowMs = Date.now(),
): VendorError {
  const parsed = S.errorBody.safeParse(body);
  const b = parsed.success ? parsed.data : {};
  const details = (b.errors ?? [])
    .map((e) => (typeof e === 'string' ? e : (e.message ?? [e.field, e.code].filter(Boolean).join(' '))))
    .filter(Boolean);
  const message =
    [b.message ?? (typeof body === 'string' && body.trim() ? body.trim().slice(0, 200) : `HTTP ${status}`), ...details]
      .join('; ')
      .slice(0, 500) || `HTTP ${status}`;
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), nowMs);
  const remaining = header(headers, 'x-ratelimit-remaining');
  const resetAt = Number(header(headers, 'x-ratelimit-reset'));
  const secondary = /secondary rate limit|abuse/i.test(message);
  const limited =
    (status === 403 || status === 429) &&
    (retryAfter !== undefined || remaining === '0' || secondary || status === 429);
  let kind: VendorErrorKind;
  let retryAfterMs: number | undefined;
  let code: string | undefined;
  if (limited) {
    kind = 'rate_limited';
    retryAfterMs =
      retryAfter ??
      (remaining === '0' && Number.isFinite(resetAt) && resetAt > 0
        ? Math.max(0, resetAt * 1000 - nowMs)
        : secondary
          ? 60_000
          : undefined);
    code = secondary ? 'secondary_rate_limit' : 'rate_limit';
  } else if (status === 401) kind = 'auth';
  else if (status === 403) kind = 'permission';
  else if (status === 404) kind = 'not_found';
  else if (status === 409) kind = 'conflict';
  else if (status === 422) {
    kind = /already exists/i.test(message) ? 'conflict' : 'validation';
    code = kind === 'conflict' ? 'already_exists' : 'unprocessable';
  } else if (status === 408) kind = 'timeout';
  else if (status >= 500) kind = 'server';
  else kind = 'validation';
  return vendorErrorFrom('github', operation, status, isWrite, {
    kind,
    message,
    code,
    retryAfterMs,
    // GitHub's rule: a 408, like a 5xx, leaves open whether a write went through.
    uncertain: status >= 500 || status === 408,
  });
}

export function createGitHubClient(config: GitHubConfig, deps: HttpDeps = {}) {
  const fetchFn: FetchFn = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const secrets = [config.token];
  const baseUrl = (config.baseUrl ?? GITHUB_API).replace(/\/+$/, '');
  const octokit: Octo = new Octokit({
    auth: config.token,
    baseUrl,
    userAgent: 'Conn incident commander',
    log: quiet,
    request: {
      // Our transport, a time limit per request, and no redirects followed silently.
      fetch: ((url: string, init: RequestInit) =>
        fetchFn(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) })) as FetchFn,
    },
  });
  octokit.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = GITHUB_API_VERSION;
  });
  /** Conditional GETs: the last ETag and answer per URL path. */
  const etags = new Map<string, { etag: string; data: unknown }>();

  /** Runs one octokit call; anything it throws becomes a classified VendorError. */
  async function run<T>(operation: string, isWrite: boolean, call: (o: Octo) => Promise<T>): Promise<T> {
    try {
      return await call(octokit);
    } catch (err) {
      throw toVendorError(operation, isWrite, err);
    }
  }

  function toVendorError(operation: string, isWrite: boolean, err: unknown): VendorError {
    if (err instanceof VendorError) return err;
    const e = err as OctoFailure;
    if (e?.response && typeof e.response.status === 'number')
      return classifyGitHub(
        operation,
        e.response.status,
        e.response.headers,
        redactDeep(e.response.data, secrets),
        isWrite,
      );
    // No answer at all: octokit wraps the transport error (status 500, the original as `cause`).
    const cause = e?.cause ?? err;
    const v = classifyTransportError('github', operation, cause, secrets);
    if (!isWrite && v.mayHaveApplied)
      return new VendorError({
        vendor: 'github',
        operation,
        kind: v.kind,
        vendorMessage: v.vendorMessage,
        ...(v.vendorCode ? { vendorCode: v.vendorCode } : {}),
        mayHaveApplied: false,
      });
    return v;
  }

  async function read<Sch extends z.ZodType>(
    operation: string,
    schema: Sch,
    call: (o: Octo) => Promise<{ data: unknown }>,
  ): Promise<z.output<Sch>> {
    const res = await run(operation, false, call);
    return parseWith(schema, res.data, 'github', operation);
  }

  async function write<Sch extends z.ZodType>(
    operation: string,
    schema: Sch,
    call: (o: Octo) => Promise<{ data: unknown }>,
  ): Promise<z.output<Sch>> {
    const res = await run(operation, true, call);
    return parseWith(schema, res.data, 'github', operation, true);
  }

  /** Null when GitHub answers 404 (a branch or file that does not exist yet). */
  async function orNull<T>(p: Promise<T>): Promise<T | null> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof VendorError && e.kind === 'not_found') return null;
      throw e;
    }
  }

  /**
   * A GET with `If-None-Match`: the given ETag, else the one this client saw last for the same path. A 304 is
   * "unchanged" (free: it does not count against the rate limit).
   */
  async function conditional<Sch extends z.ZodType>(
    operation: string,
    key: string,
    schema: Sch,
    etag: string | undefined,
    call: (o: Octo, headers: Record<string, string>) => Promise<{ data: unknown; headers: Record<string, unknown> }>,
  ): Promise<Conditional<z.output<Sch>>> {
    const cached = etags.get(key);
    const sendTag = etag ?? cached?.etag;
    try {
      const res = await call(octokit, sendTag ? { 'if-none-match': sendTag } : {});
      const data = parseWith(schema, res.data, 'github', operation);
      const got = typeof res.headers.etag === 'string' ? res.headers.etag : null;
      if (got) etags.set(key, { etag: got, data });
      else etags.delete(key);
      return { changed: true, data, etag: got };
    } catch (err) {
      const e = err as OctoFailure;
      if (e?.response?.status === 304 || e?.status === 304) {
        const known = cached && cached.etag === sendTag ? (cached.data as z.output<Sch>) : null;
        return { changed: false, data: known, etag: sendTag ?? null };
      }
      throw toVendorError(operation, false, err);
    }
  }

  const client = {
    baseUrl,
    /** The Enterprise web host whose links are GitHub's (github.com always is), or null. */
    webHost: config.webHost !== undefined ? config.webHost : webHostOfApi(baseUrl),

    /** Who the token is: GET /user. */
    getAuthenticatedUser: () => read('getAuthenticatedUser', S.user, (o) => o.rest.users.getAuthenticated()),

    /** The repository, with what the token may do there (`permissions.push`: it can write). */
    getRepo: (owner: string, repo: string) => read('getRepo', S.repository, (o) => o.rest.repos.get({ owner, repo })),

    /** Whether the token can write to the repository (null: GitHub did not say, e.g. an unauthenticated answer). */
    async getRepoPermissions(owner: string, repo: string): Promise<{ push: boolean | null; repo: S.GhRepository }> {
      const r = await client.getRepo(owner, repo);
      return { push: r.permissions ? r.permissions.push : null, repo: r };
    },

    /** A new issue. GitHub has no idempotency key: reconcile a lost answer with `findIssueByMarker`. */
    createIssue: (owner: string, repo: string, input: CreateIssueInput) =>
      write('createIssue', S.issue, (o) =>
        o.rest.issues.create({
          owner,
          repo,
          title: input.title,
          body: input.body,
          ...(input.labels && input.labels.length ? { labels: [...input.labels] } : {}),
        }),
      ),

    /**
     * Issues of a repository (newest first, all states, pull requests left out), bounded pages of 100. `until`
     * stops at the first page holding a match.
     */
    listIssues: (
      owner: string,
      repo: string,
      opts: {
        creator?: string;
        state?: 'open' | 'closed' | 'all';
        since?: string;
        maxPages?: number;
        until?: (i: S.GhIssue) => boolean;
      } = {},
    ): Promise<S.GhIssue[]> =>
      walkPages<S.GhIssue, number>({
        vendor: 'github',
        operation: 'listIssues',
        ...((opts.maxPages ?? deps.maxPages) ? { maxPages: opts.maxPages ?? deps.maxPages } : {}),
        ...(opts.until ? { until: opts.until } : {}),
        fetchPage: async (page) => {
          const res = await run('listIssues', false, (o) =>
            o.rest.issues.listForRepo({
              owner,
              repo,
              state: opts.state ?? 'all',
              sort: 'created',
              direction: 'desc',
              per_page: 100,
              page: page ?? 1,
              ...(opts.creator ? { creator: opts.creator } : {}),
              ...(opts.since ? { since: opts.since } : {}),
            }),
          );
          const items = parseWith(S.issues, res.data, 'github', 'listIssues').filter((i) => !i.pull_request);
          return { items, next: nextPageOf(header(res.headers as Record<string, string>, 'link')) };
        },
      }),

    /**
     * Reconciliation of `createIssue`: among the repository's recent issues opened by `creator` (the token's user),
     * the one whose body carries the marker, or null. Reads the issues list, not the search API (its index lags).
     */
    async findIssueByMarker(
      owner: string,
      repo: string,
      creator: string,
      marker: string,
      opts: { maxPages?: number } = {},
    ): Promise<S.GhIssue | null> {
      const has = (i: S.GhIssue) => (i.body ?? '').includes(marker);
      const list = await client.listIssues(owner, repo, {
        creator,
        state: 'all',
        maxPages: opts.maxPages ?? 3,
        until: has,
      });
      return list.find(has) ?? null;
    },

    /** One issue, conditionally: a 304 costs nothing. */
    getIssue: (owner: string, repo: string, issueNumber: number, opts: { etag?: string } = {}) =>
      conditional('getIssue', `issue ${owner}/${repo}#${issueNumber}`, S.issue, opts.etag, (o, headers) =>
        o.rest.issues.get({ owner, repo, issue_number: issueNumber, headers }),
      ),

    /** One pull request, conditionally. */
    getPull: (owner: string, repo: string, pullNumber: number, opts: { etag?: string } = {}) =>
      conditional('getPull', `pull ${owner}/${repo}#${pullNumber}`, S.pull, opts.etag, (o, headers) =>
        o.rest.pulls.get({ owner, repo, pull_number: pullNumber, headers }),
      ),

    /** A branch or tag (`heads/conn/x`), or null when it does not exist. */
    getRef: (owner: string, repo: string, ref: string) =>
      orNull(read('getRef', S.gitRef, (o) => o.rest.git.getRef({ owner, repo, ref }))),

    /** A new branch: `ref` is the full name (`refs/heads/conn/x`). An existing one is a `conflict`. */
    createRef: (owner: string, repo: string, ref: string, sha: string) =>
      write('createRef', S.gitRef, (o) => o.rest.git.createRef({ owner, repo, ref, sha })),

    /** Moves a branch (`heads/conn/x`); fast-forward only unless `force`. */
    updateRef: (owner: string, repo: string, ref: string, sha: string, force = false) =>
      write('updateRef', S.gitRef, (o) => o.rest.git.updateRef({ owner, repo, ref, sha, force })),

    /** A file on a branch (default branch when `ref` is absent), or null when it is not there. */
    getContent: (owner: string, repo: string, path: string, ref?: string) =>
      orNull(
        read('getContent', S.fileContent, (o) =>
          o.rest.repos.getContent({ owner, repo, path, ...(ref ? { ref } : {}) }),
        ),
      ),

    /** Creates (no `sha`) or replaces (`sha` of the current blob) a file, as one commit. */
    putContent: (owner: string, repo: string, path: string, input: PutContentInput) =>
      write('putContent', S.fileCommit, (o) =>
        o.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path,
          message: input.message,
          content: input.contentBase64,
          ...(input.branch ? { branch: input.branch } : {}),
          ...(input.sha ? { sha: input.sha } : {}),
        }),
      ),

    /** Pull requests from a branch (`head` = `owner:branch`), all states. */
    listPulls: (owner: string, repo: string, head: string) =>
      read('listPulls', S.pulls, (o) => o.rest.pulls.list({ owner, repo, head, state: 'all', per_page: 100 })),

    createPull: (owner: string, repo: string, input: { title: string; head: string; base: string; body: string }) =>
      write('createPull', S.pull, (o) => o.rest.pulls.create({ owner, repo, ...input })),

    updatePull: (
      owner: string,
      repo: string,
      pullNumber: number,
      change: { title?: string; body?: string; state?: 'open' | 'closed' },
    ) => write('updatePull', S.pull, (o) => o.rest.pulls.update({ owner, repo, pull_number: pullNumber, ...change })),
  };
  return client;
}

export type GitHubClient = ReturnType<typeof createGitHubClient>;

/** The issue or PR number and repository of a github.com (or Enterprise) link, or null (shared/githubLinks.ts). */
export function parseGitHubLink(url: string): Omit<GitHubLink, 'url'> | null {
  const l = parseGitHubUrl(url);
  return l ? { owner: l.owner, repo: l.repo, kind: l.kind, number: l.number } : null;
}
