// GitHub client against the simulator: who the token is and where it may write, issues (paging, marker, ETag → 304),
// refs, contents and pulls, and every failure classified as the outbox reads it.
import { describe, expect, it } from 'vitest';
import {
  classifyGitHub,
  createGitHubClient,
  explainVendorError,
  isVendorError,
  markerFor,
  parseGitHubLink,
  type VendorError,
} from '../../../src/main/core/integrations';
import { nextPageOf } from '../../../src/main/core/integrations/github/client';
import { SIM_GITHUB_LOGIN } from '../../simulators';
import { caught, useSim } from './setup';

const t = useSim();
const INFRA = ['2i2c-org', 'infrastructure'] as const;
const REPORTS = ['2i2c-org', 'incident-reports'] as const;
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function vendorError(p: Promise<unknown>): Promise<VendorError> {
  const e = await caught(p);
  if (!isVendorError(e)) throw new Error(`expected a VendorError, got ${String(e)}`);
  return e;
}

describe('GitHub client', () => {
  it('says who the token is and whether it may write to each repository', async () => {
    const gh = t.clients().github;
    expect((await gh.getAuthenticatedUser()).login).toBe(SIM_GITHUB_LOGIN);
    expect((await gh.getRepoPermissions(...INFRA)).push).toBe(true);
    const reader = createGitHubClient({ token: t.sim().tokens.githubReadOnly, baseUrl: t.sim().urls.github });
    expect((await reader.getRepoPermissions(...REPORTS)).push).toBe(false);
    const auth = t.sim().requests({ vendor: 'github' })[0]!;
    expect(auth.headers.authorization).toBe(`token ${t.sim().tokens.github}`);
    expect(auth.headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('opens an issue with labels, and finds it again by its marker among the issues the token opened', async () => {
    const gh = t.clients().github;
    const marker = markerFor('job-1');
    const made = await gh.createIssue(...INFRA, {
      title: 'Add a quota alert',
      body: `Do it\n\n${marker}`,
      labels: ['x'],
    });
    expect(made).toMatchObject({ number: 1, state: 'open', title: 'Add a quota alert' });
    expect(made.html_url).toBe('https://github.com/2i2c-org/infrastructure/issues/1');
    // Someone else's issue with the same text and a later one of ours do not confuse it.
    const repo = t.sim().state.github.repos.find((r) => r.name === 'infrastructure')!;
    repo.issues.push({ ...repo.issues[0]!, id: 1, number: 2, user: 'bob-okafor' });
    await gh.createIssue(...INFRA, { title: 'Another', body: 'no marker' });
    const found = await gh.findIssueByMarker(...INFRA, SIM_GITHUB_LOGIN, marker);
    expect(found?.number).toBe(1);
    expect(await gh.findIssueByMarker(...INFRA, SIM_GITHUB_LOGIN, markerFor('job-never'))).toBeNull();
    const list = t.sim().requests({ vendor: 'github', method: 'GET', path: '/repos/2i2c-org/infrastructure/issues' });
    expect(list.at(-1)!.query).toMatchObject({ creator: [SIM_GITHUB_LOGIN], state: ['all'], per_page: ['100'] });
  });

  it('walks every page of the issues list by its Link header, leaving pull requests out', async () => {
    const gh = t.clients().github;
    const repo = t.sim().state.github.repos.find((r) => r.name === 'infrastructure')!;
    for (let n = 1; n <= 230; n++)
      repo.issues.push({
        id: 100 + n,
        number: n,
        title: `issue ${n}`,
        body: null,
        state: n % 2 ? 'open' : 'closed',
        state_reason: null,
        user: SIM_GITHUB_LOGIN,
        labels: [],
        created_at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        updated_at: '2026-01-02T00:00:00Z',
        closed_at: null,
      });
    repo.nextNumber = 231;
    const all = await gh.listIssues(...INFRA);
    expect(all).toHaveLength(230);
    expect(all[0]!.number).toBe(230); // newest first
    expect(t.sim().requests({ vendor: 'github', path: '/repos/2i2c-org/infrastructure/issues' })).toHaveLength(3);
    expect(nextPageOf('<https://api.github.com/x?page=3&per_page=100>; rel="next", <…?page=9>; rel="last"')).toBe(3);
    expect(nextPageOf('<https://api.github.com/x?page=1>; rel="prev"')).toBeNull();
  });

  it('polls an issue with its ETag: a 304 is "unchanged", costs no rate limit, and a change is seen', async () => {
    const gh = t.clients().github;
    const made = await gh.createIssue(...INFRA, { title: 'Poll me', body: '' });
    const first = await gh.getIssue(...INFRA, made.number);
    expect(first).toMatchObject({ changed: true, data: { state: 'open' } });
    expect(first.etag).toMatch(/^W\/"/);
    const used = () => Number(t.sim().requests({ vendor: 'github' }).at(-1)!.responseHeaders!['x-ratelimit-used']);
    const before = used();
    const again = await gh.getIssue(...INFRA, made.number);
    expect(again).toMatchObject({ changed: false, etag: first.etag, data: { state: 'open' } });
    expect(t.sim().requests({ vendor: 'github' }).at(-1)!.status).toBe(304);
    expect(used()).toBe(before);
    // A fresh client (after a restart) with only the stored ETag: unchanged, no data to give.
    const fresh = createGitHubClient({ token: t.sim().tokens.github, baseUrl: t.sim().urls.github });
    expect(await fresh.getIssue(...INFRA, made.number, { etag: first.etag! })).toEqual({
      changed: false,
      data: null,
      etag: first.etag,
    });
    const res = await fetch(`${t.sim().urls.control}/github/issues`, {
      method: 'POST',
      body: JSON.stringify({ repo: '2i2c-org/infrastructure', number: made.number, state: 'closed' }),
    });
    expect(res.status).toBe(200);
    const closed = await gh.getIssue(...INFRA, made.number);
    expect(closed).toMatchObject({ changed: true, data: { state: 'closed' } });
    expect(closed.etag).not.toBe(first.etag);
  });

  it('writes files on a branch, opens, updates and (in the simulator) merges a pull request', async () => {
    const gh = t.clients().github;
    expect(await gh.getRef(...REPORTS, 'heads/conn/inc-1')).toBeNull();
    const main = (await gh.getRef(...REPORTS, 'heads/main'))!;
    await gh.createRef(...REPORTS, 'refs/heads/conn/inc-1', main.object.sha);
    const again = await vendorError(gh.createRef(...REPORTS, 'refs/heads/conn/inc-1', main.object.sha));
    expect(again).toMatchObject({ kind: 'conflict', status: 422 });
    const path = 'reports/2026-12-07-ocean.md';
    expect(await gh.getContent(...REPORTS, path, 'conn/inc-1')).toBeNull();
    const put = await gh.putContent(...REPORTS, path, {
      message: 'Add',
      contentBase64: b64('# v1'),
      branch: 'conn/inc-1',
    });
    const file = (await gh.getContent(...REPORTS, path, 'conn/inc-1'))!;
    expect(file.sha).toBe(put.content!.sha);
    expect(Buffer.from(file.content!.replace(/\n/g, ''), 'base64').toString()).toBe('# v1');
    // Replacing needs the current sha: without it 422, with a stale one 409.
    const noSha = await vendorError(
      gh.putContent(...REPORTS, path, { message: 'x', contentBase64: b64('# v2'), branch: 'conn/inc-1' }),
    );
    expect(noSha).toMatchObject({ kind: 'validation', status: 422 });
    const stale = await vendorError(
      gh.putContent(...REPORTS, path, {
        message: 'x',
        contentBase64: b64('# v2'),
        branch: 'conn/inc-1',
        sha: 'f'.repeat(40),
      }),
    );
    expect(stale).toMatchObject({ kind: 'conflict', status: 409 });
    await gh.putContent(...REPORTS, path, {
      message: 'v2',
      contentBase64: b64('# v2'),
      branch: 'conn/inc-1',
      sha: file.sha,
    });

    const pr = await gh.createPull(...REPORTS, { title: 'Report', head: 'conn/inc-1', base: 'main', body: 'Overview' });
    expect((await gh.listPulls(...REPORTS, '2i2c-org:conn/inc-1')).map((p) => p.number)).toEqual([pr.number]);
    expect(await gh.listPulls(...REPORTS, '2i2c-org:conn/other')).toEqual([]);
    expect((await gh.updatePull(...REPORTS, pr.number, { body: 'Overview, edited' })).body).toBe('Overview, edited');
    const open = await gh.getPull(...REPORTS, pr.number);
    expect(open.data).toMatchObject({ state: 'open', merged: false });
    const merged = await fetch(`${t.sim().urls.control}/github/merge`, {
      method: 'POST',
      body: JSON.stringify({ repo: '2i2c-org/incident-reports', number: pr.number }),
    });
    expect(merged.status).toBe(200);
    const after = await gh.getPull(...REPORTS, pr.number);
    expect(after).toMatchObject({ changed: true, data: { state: 'closed', merged: true } });
    const onMain = (await gh.getContent(...REPORTS, path))!;
    expect(Buffer.from(onMain.content!.replace(/\n/g, ''), 'base64').toString()).toBe('# v2');
  });

  it('reads GitHub links', () => {
    expect(parseGitHubLink('https://github.com/2i2c-org/infrastructure/issues/12')).toEqual({
      owner: '2i2c-org',
      repo: 'infrastructure',
      kind: 'issue',
      number: 12,
    });
    expect(parseGitHubLink('https://github.com/2i2c-org/incident-reports/pull/3#discussion')).toMatchObject({
      kind: 'pull',
      number: 3,
    });
    expect(parseGitHubLink('https://github.com/2i2c-org/infrastructure')).toBeNull();
  });
});

describe('GitHub failures, classified', () => {
  const authNotFoundPermission =
    'a bad or revoked token is auth; a repository it cannot see is not_found; no write access is permission';
  it(authNotFoundPermission, async () => {
    const bad = createGitHubClient({ token: 'github_pat_wrong_0000000000000000000', baseUrl: t.sim().urls.github });
    expect(await vendorError(bad.getAuthenticatedUser())).toMatchObject({
      kind: 'auth',
      status: 401,
      vendor: 'github',
    });
    const gh = t.clients().github;
    expect(await vendorError(gh.getRepo('2i2c-org', 'secret'))).toMatchObject({ kind: 'not_found', status: 404 });
    const reader = createGitHubClient({ token: t.sim().tokens.githubReadOnly, baseUrl: t.sim().urls.github });
    const e = await vendorError(reader.createIssue(...INFRA, { title: 'x', body: '' }));
    expect(e).toMatchObject({ kind: 'permission', status: 403, mayHaveApplied: false });
    expect(e.message).not.toContain(t.sim().tokens.githubReadOnly);
    expect(explainVendorError(e)).toMatch(/Issues, Contents and Pull requests set to read and write/);
  });

  it('a refused body is validation (422), permanent', async () => {
    const e = await vendorError(t.clients().github.createIssue(...INFRA, { title: ' ', body: '' }));
    expect(e).toMatchObject({ kind: 'validation', status: 422, retryable: false });
    expect(e.vendorMessage).toMatch(/Validation Failed/);
  });

  it('the secondary limit waits as long as retry-after says; the primary one until x-ratelimit-reset', async () => {
    const gh = t.clients().github;
    t.sim().fault({ vendor: 'github', path: '/user', action: { type: 'rate_limit', waitSeconds: 7 } });
    expect(await vendorError(gh.getAuthenticatedUser())).toMatchObject({
      kind: 'rate_limited',
      status: 403,
      retryAfterMs: 7000,
    });
    t.sim().fault({ vendor: 'github', path: '/user', action: { type: 'rate_limit', omitHeaders: true } });
    expect(await vendorError(gh.getAuthenticatedUser())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
    t.sim().state.github.rate.limit = 1;
    await gh.getAuthenticatedUser();
    const primary = await vendorError(gh.getAuthenticatedUser());
    expect(primary).toMatchObject({ kind: 'rate_limited', status: 403 });
    expect(primary.retryAfterMs).toBeGreaterThan(3_000_000);
    // The classifier alone: 429 with reset, and a plain 403 without rate headers is a permission problem.
    const now = 1_800_000_000_000;
    const reset = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) };
    expect(classifyGitHub('op', 429, reset, {}, false, now)).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 30_000,
    });
    expect(
      classifyGitHub('op', 403, { 'x-ratelimit-remaining': '10' }, { message: 'Forbidden' }, false, now).kind,
    ).toBe('permission');
  });

  it('5xx is server and, on a write, may have applied; a lost answer is network; a cut body is malformed', async () => {
    const gh = t.clients().github;
    t.sim().fault({ vendor: 'github', method: 'POST', action: { type: 'status', status: 502 } });
    expect(await vendorError(gh.createIssue(...INFRA, { title: 'x', body: '' }))).toMatchObject({
      kind: 'server',
      mayHaveApplied: true,
      retryable: true,
    });
    t.sim().fault({ vendor: 'github', method: 'POST', action: { type: 'apply_then_drop' } });
    expect(await vendorError(gh.createIssue(...INFRA, { title: 'applied', body: '' }))).toMatchObject({
      kind: 'network',
      mayHaveApplied: true,
    });
    expect(t.sim().state.github.repos[0]!.issues.map((i) => i.title)).toEqual(['applied']);
    t.sim().fault({ vendor: 'github', method: 'GET', action: { type: 'drop' } });
    expect(await vendorError(gh.getAuthenticatedUser())).toMatchObject({ kind: 'network', mayHaveApplied: false });
    t.sim().fault({ vendor: 'github', method: 'POST', action: { type: 'malformed', apply: true } });
    expect(await vendorError(gh.createIssue(...INFRA, { title: 'y', body: '' }))).toMatchObject({
      kind: 'malformed',
      mayHaveApplied: true,
    });
  });

  const hangIsTimeout =
    'a request with no answer in time is a timeout that may have applied; octokit never retries on its own';
  it(hangIsTimeout, async () => {
    const gh = createGitHubClient({ token: t.sim().tokens.github, baseUrl: t.sim().urls.github }, { timeoutMs: 300 });
    t.sim().fault({ vendor: 'github', method: 'POST', action: { type: 'hang' } });
    expect(await vendorError(gh.createIssue(...INFRA, { title: 'slow', body: '' }))).toMatchObject({
      kind: 'timeout',
      mayHaveApplied: true,
    });
    t.sim().fault({ vendor: 'github', method: 'POST', count: 1, action: { type: 'status', status: 503 } });
    await caught(gh.createIssue(...INFRA, { title: 'once', body: '' }));
    expect(t.sim().requests({ vendor: 'github', method: 'POST' })).toHaveLength(2);
  });
});
