// GitHub in the timeline, through the GitHub simulator: links in notes are hydrated (title, state, opened moment),
// a second read is a free 304 that adds nothing, each state change appends exactly one entry however often it is
// polled, a rate limit postpones every read to its reset, nothing happens without a GitHub connection, and a
// take-over on another machine imports the GitHub moments of the links in the shared record.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/shared/domain';
import type { GitHubLink } from '../../src/shared/githubLinks';
import { createGitHubClient } from '../../src/main/core/integrations';
import { vendorTable } from '../../src/main/core/vendors';
import { fakeClock } from '../helpers/core';
import { simConn, type SimConn } from '../helpers/handoffSim';
import { SIM_TICKET_ID, startSimulators, type Simulators } from '../simulators';
import { mergePull, openPull, type GhIssueRec, type GhPullRec } from '../simulators/github';

// The real time: the client reads GitHub's x-ratelimit-reset (epoch seconds) against the real clock.
const START = Date.now();
const MIN = 60_000;
const POLL_MS = 5 * MIN;
const clock = fakeClock(START);
let sim: Simulators;
const conns: SimConn[] = [];

beforeAll(async () => {
  sim = await startSimulators({ now: () => clock.now() });
});
afterAll(async () => sim.stop());
beforeEach(() => {
  clock.set(START);
  sim.reset('realistic');
  sim.clearRequests();
});
afterEach(() => {
  sim.clearFaults();
  for (const c of conns.splice(0)) c.cleanup();
});

async function conn(who: 'alice' | 'bob', github = true): Promise<SimConn> {
  const c = await simConn(sim, clock, who, { github, githubPollMs: POLL_MS });
  conns.push(c);
  return c;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const infra = () => sim.state.github.repos.find((r) => r.name === 'infrastructure')!;

/** Someone opens a pull request and an issue on GitHub (an hour before now). */
function openOnGitHub(): { pr: GhPullRec; issue: GhIssueRec; prUrl: string; issueUrl: string } {
  const repo = infra();
  const at = iso(clock.now() - 60 * MIN);
  const later = iso(clock.now() - 59 * MIN);
  const pr = openPull(repo, {
    id: 7001,
    title: 'Raise the registry quota',
    user: 'bob-okafor',
    head: 'raise-quota',
    at,
  });
  const issue: GhIssueRec = {
    id: 7002,
    number: repo.nextNumber++,
    title: 'Alert on registry quota',
    body: null,
    state: 'open',
    state_reason: null,
    user: 'alice-jansen',
    labels: [],
    created_at: later,
    updated_at: later,
    closed_at: null,
  };
  repo.issues.push(issue);
  return {
    pr,
    issue,
    prUrl: `https://github.com/2i2c-org/infrastructure/pull/${pr.number}`,
    issueUrl: `https://github.com/2i2c-org/infrastructure/issues/${issue.number}`,
  };
}

/** Lets the read queued by a new entry run to its end. */
async function hydrated(c: SimConn): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await c.core.services.githubLinks.settled();
}

async function githubEntries(c: SimConn, incidentId: string): Promise<TimelineEntry[]> {
  const page = await c.call('timeline.list', { incidentId, sources: ['github'], limit: 200 });
  return page.items;
}

const ghReads = (path?: string) =>
  sim.requests({ vendor: 'github', method: 'GET', ...(path ? { path } : {}) }).filter((r) => r.path !== '/user');

describe('GitHub links in the timeline', () => {
  it('hydrates the issue and pull request a note links: title, state, and the opened moments from GitHub', async () => {
    const a = await conn('alice');
    const { pr, issue, prUrl, issueUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    const changed: unknown[] = [];
    a.core.bus.subscribe((name, payload) => name === 'github.linksChanged' && changed.push(payload));
    await a.call('notes.append', { incidentId: inc.id, body: `Fix in ${prUrl}. Follow-up: ${issueUrl}.` });
    await hydrated(a);

    const view = await a.call('github.listLinks', { incidentId: inc.id });
    expect(view.connected).toBe(true);
    expect(view.items.map((i) => [i.kind, i.number, i.title, i.state])).toEqual([
      ['pull', pr.number, 'Raise the registry quota', 'open'],
      ['issue', issue.number, 'Alert on registry quota', 'open'],
    ]);
    expect(view.items[0]!.url).toBe(prUrl);
    expect(changed).toHaveLength(1);

    const entries = await githubEntries(a, inc.id);
    expect(entries.map((e) => [e.kind, e.at, e.actor])).toEqual([
      ['pull.opened', new Date(pr.created_at).toISOString(), 'bob-okafor'],
      ['issue.opened', new Date(issue.created_at).toISOString(), 'alice-jansen'],
    ]);
    expect(entries.find((e) => e.kind === 'pull.opened')!.body).toContain('Raise the registry quota');
    expect(entries.every((e) => e.inReport)).toBe(true);
    // Toggleable like any entry.
    const off = await a.call('timeline.setInReport', { entryId: entries[0]!.id, inReport: false });
    expect(off.inReport).toBe(false);
    expect(ghReads(`/repos/2i2c-org/infrastructure/pulls/${pr.number}`)).toHaveLength(1);
    expect(ghReads(`/repos/2i2c-org/infrastructure/issues/${issue.number}`)).toHaveLength(1);
  });

  it('reads again with the ETag: an unchanged item is a 304 that costs nothing and adds nothing', async () => {
    const a = await conn('alice');
    const { pr, prUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    await a.call('notes.append', { incidentId: inc.id, body: `PR: ${prUrl}` });
    await hydrated(a);
    const first = ghReads(`/repos/2i2c-org/infrastructure/pulls/${pr.number}`);
    expect(first.map((r) => r.status)).toEqual([200]);
    const etag = first[0]!.responseHeaders?.etag;
    expect(etag).toBeTruthy();
    const used = sim.state.github.rate.used;

    await a.call('github.checkLinks', { incidentId: inc.id });
    const reads = ghReads(`/repos/2i2c-org/infrastructure/pulls/${pr.number}`);
    expect(reads.map((r) => r.status)).toEqual([200, 304]);
    expect(reads[1]!.headers['if-none-match']).toBe(etag);
    expect(sim.state.github.rate.used).toBe(used);
    expect(await githubEntries(a, inc.id)).toHaveLength(1);
  });

  it('appends exactly one entry per state change, polled every few minutes and never before it is due', async () => {
    const a = await conn('alice');
    const { pr, issue, prUrl, issueUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    await a.call('notes.append', { incidentId: inc.id, body: `${prUrl} and ${issueUrl}` });
    await hydrated(a);
    const svc = a.core.services.githubLinks;

    clock.advance(2 * MIN);
    const mergedAt = iso(clock.now());
    expect(mergePull(sim.state.github, infra(), pr.number, mergedAt)).not.toBeNull();
    sim.clearRequests();
    await svc.poll();
    expect(ghReads()).toHaveLength(0); // read 2 minutes ago: not due yet

    clock.advance(POLL_MS);
    await svc.poll();
    expect(ghReads().map((r) => r.status)).toEqual([200, 304]); // the merged PR changed, the issue did not
    let entries = await githubEntries(a, inc.id);
    expect(entries.filter((e) => e.kind === 'pull.merged').map((e) => e.at)).toEqual([
      new Date(mergedAt).toISOString(),
    ]);
    expect(entries.some((e) => e.kind === 'pull.closed')).toBe(false); // merged, not "closed"
    expect((await a.call('github.listLinks', { incidentId: inc.id })).items[0]).toMatchObject({
      state: 'merged',
      mergedAt: new Date(mergedAt).toISOString(),
    });

    // Polled again and again, checked now twice: nothing new.
    for (let i = 0; i < 3; i++) {
      clock.advance(POLL_MS);
      await svc.poll();
    }
    await a.call('github.checkLinks', { incidentId: inc.id });
    await a.call('github.checkLinks', { incidentId: inc.id });
    expect((await githubEntries(a, inc.id)).length).toBe(entries.length);

    // The issue closes, reopens and closes again: one entry per closing.
    const close = () =>
      Object.assign(issue, { state: 'closed', closed_at: iso(clock.now()), updated_at: iso(clock.now()) });
    close();
    await a.call('github.checkLinks', { incidentId: inc.id });
    await a.call('github.checkLinks', { incidentId: inc.id });
    clock.advance(MIN);
    Object.assign(issue, { state: 'open', closed_at: null, updated_at: iso(clock.now()) });
    await a.call('github.checkLinks', { incidentId: inc.id });
    clock.advance(MIN);
    close();
    await a.call('github.checkLinks', { incidentId: inc.id });
    entries = await githubEntries(a, inc.id);
    expect(entries.map((e) => e.kind)).toEqual([
      'pull.opened',
      'issue.opened',
      'pull.merged',
      'issue.closed',
      'issue.closed',
    ]);
    expect(new Set(entries.map((e) => e.at)).size).toBe(5);
  });

  it('links on the configured GitHub Enterprise host count, other hosts do not', async () => {
    const a = await conn('alice');
    // Enterprise settings; the environment's base URL still points the API at the simulator (as a proxy would).
    await a.call('integrations.save', {
      vendor: 'github',
      config: { apiUrl: 'https://github.example.org/api/v3' },
      token: sim.tokens.github,
    });
    const { pr, issue } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    await a.call('notes.append', {
      incidentId: inc.id,
      body:
        `GHE: https://github.example.org/2i2c-org/infrastructure/pull/${pr.number}, elsewhere: ` +
        `https://git.example.org/2i2c-org/infrastructure/issues/${issue.number}`,
    });
    await hydrated(a);
    const view = await a.call('github.listLinks', { incidentId: inc.id });
    expect(view.items.map((i) => [i.url, i.state])).toEqual([
      [`https://github.example.org/2i2c-org/infrastructure/pull/${pr.number}`, 'open'],
    ]);
    expect(ghReads().map((r) => r.path)).toEqual([`/repos/2i2c-org/infrastructure/pulls/${pr.number}`]);
  });

  it('core.start() polls through the shared loop; core.stop() ends it', async () => {
    const a = await conn('alice');
    const { pr, prUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    await a.call('notes.append', { incidentId: inc.id, body: prUrl });
    await hydrated(a);
    mergePull(sim.state.github, infra(), pr.number, iso(clock.now()));
    const merged = async () => (await githubEntries(a, inc.id)).filter((e) => e.kind === 'pull.merged').length;

    a.core.start();
    clock.advance(POLL_MS + MIN);
    a.timer.fire();
    await expect.poll(merged).toBe(1);
    await a.core.stop();

    clock.advance(POLL_MS * 3);
    sim.clearRequests();
    a.timer.fire();
    await a.core.services.githubLinks.settled();
    expect(ghReads()).toHaveLength(0);
  });

  it('a closed incident is not polled', async () => {
    const a = await conn('alice');
    const { prUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    await a.call('notes.append', { incidentId: inc.id, body: prUrl });
    await hydrated(a);
    a.core.db.prepare("UPDATE incidents SET status = 'closed' WHERE id = ?").run(inc.id);
    sim.clearRequests();
    clock.advance(POLL_MS * 2);
    await a.core.services.githubLinks.poll();
    expect(ghReads()).toHaveLength(0);
  });

  it('a rate limit postpones every read to its reset, then polling goes on', async () => {
    const a = await conn('alice');
    const { pr, prUrl, issueUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    await a.call('notes.append', { incidentId: inc.id, body: `${prUrl} ${issueUrl}` });
    await hydrated(a);
    mergePull(sim.state.github, infra(), pr.number, iso(clock.now()));

    // The hour's budget is spent: GitHub answers 403 with x-ratelimit-remaining 0 and the reset time.
    sim.state.github.rate.limit = sim.state.github.rate.used;
    const resetAt = sim.state.github.rate.resetAt;
    sim.clearRequests();
    const view = await a.call('github.checkLinks', { incidentId: inc.id });
    expect(ghReads().map((r) => r.status)).toEqual([403]); // stopped at the first refusal, the issue not asked
    // Until the reset GitHub named (the client reads it against the real clock, a few seconds past this fake one).
    expect(Date.parse(view.pausedUntil!)).toBeGreaterThanOrEqual(resetAt - 30_000);
    expect(Date.parse(view.pausedUntil!)).toBeLessThanOrEqual(resetAt + 1000);

    // Due again, but the limit holds: not a single request until the reset.
    clock.advance(POLL_MS);
    await a.core.services.githubLinks.poll();
    await a.call('github.checkLinks', { incidentId: inc.id });
    expect(ghReads()).toHaveLength(1);
    expect((await githubEntries(a, inc.id)).some((e) => e.kind === 'pull.merged')).toBe(false);

    clock.set(resetAt + 1000);
    await a.core.services.githubLinks.poll();
    expect((await githubEntries(a, inc.id)).filter((e) => e.kind === 'pull.merged')).toHaveLength(1);
    expect((await a.call('github.listLinks', { incidentId: inc.id })).pausedUntil).toBeNull();
  });

  it('without a GitHub connection links stay plain: nothing is read, stored or added', async () => {
    const a = await conn('alice', false);
    const { prUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    await a.call('notes.append', { incidentId: inc.id, body: `Fix in ${prUrl}` });
    await hydrated(a);
    await a.core.services.githubLinks.poll();
    const view = await a.call('github.checkLinks', { incidentId: inc.id });
    expect(view).toEqual({ incidentId: inc.id, connected: false, items: [], pausedUntil: null });
    expect(sim.requests({ vendor: 'github' })).toHaveLength(0);
    expect(a.core.db.prepare('SELECT COUNT(*) FROM github_links').pluck().get()).toBe(0);
    expect(await githubEntries(a, inc.id)).toHaveLength(0);
  });

  it('a take-over on another machine imports the GitHub moments of the links in the shared record', async () => {
    const a = await conn('alice', false);
    const { pr, prUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', { title: 'Registry full', hub: 'ocean-data' });
    a.enqueue(inc.id, 'pagerduty.createIncident', { title: inc.title, details: 'registry', assigneeUserId: 'PALICE1' });
    a.enqueue(inc.id, 'slack.createChannel', { name: 'inc-20261126-ocean-data' });
    await a.drain();
    // The channel is named by the day (inc-YYYYMMDD-ocean-data).
    const channel = sim.state.slack.channels.find((c) => /^inc-\d{8}-ocean-data$/.test(c.name))!;
    await fetch(`${sim.urls.control}/slack/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: channel.id, user: 'U0CHEN001', text: `Quota fix: <${prUrl}|PR>` }),
    });
    clock.advance(10 * MIN);
    const mergedAt = iso(clock.now());
    mergePull(sim.state.github, infra(), pr.number, mergedAt);

    const b = await conn('bob');
    const preview = await b.call('takeover.import', { slackChannel: `#${channel.name}` });
    expect(preview.sources.find((s) => s.source === 'github')).toMatchObject({ status: 'ok', fetched: 2 });
    const done = await b.call('takeover.confirm', { previewId: preview.previewId, confirmed: true });
    const entries = await githubEntries(b, done.incident.id);
    expect(entries.map((e) => [e.kind, e.at])).toEqual([
      ['pull.opened', new Date(pr.created_at).toISOString()],
      ['pull.merged', new Date(mergedAt).toISOString()],
    ]);

    // The poll then follows the link (found in the imported Slack message) without doubling anything.
    await b.core.services.githubLinks.poll();
    expect((await b.call('github.listLinks', { incidentId: done.incident.id })).items).toMatchObject([
      { number: pr.number, state: 'merged', title: 'Raise the registry quota' },
    ]);
    expect(await githubEntries(b, done.incident.id)).toHaveLength(2);
    // Importing the record again reads GitHub again and adds nothing.
    const again = await b.call('integrations.import', { incidentId: done.incident.id, sources: ['github'] });
    expect(again).toMatchObject({ added: 0, fetched: 2 });
  });

  const importReadsLinkedIssueOnce =
    'a record import reads the GitHub moments of an issue a ticket reply links, once however often it runs';
  it(importReadsLinkedIssueOnce, async () => {
    const a = await conn('alice');
    const { issue, issueUrl } = openOnGitHub();
    const inc = await a.call('incidents.declare', {
      title: 'Registry full',
      hub: 'ocean-data',
      ticketUrl: `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`,
    });
    await fetch(`${sim.urls.control}/freshdesk/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticketId: SIM_TICKET_ID, body: `<p>Is this the same as ${issueUrl}?</p>` }),
    });
    const r = await a.call('integrations.import', { incidentId: inc.id, sources: ['freshdesk', 'github'] });
    expect(r.sources.map((s) => [s.source, s.status])).toEqual([
      ['freshdesk', 'ok'],
      ['github', 'ok'],
    ]);
    await hydrated(a);
    const again = await a.call('integrations.import', { incidentId: inc.id, sources: ['github'] });
    expect(again.added).toBe(0);
    expect((await githubEntries(a, inc.id)).map((e) => [e.kind, e.at])).toEqual([
      ['issue.opened', new Date(issue.created_at).toISOString()],
    ]);
    expect((await a.call('github.listLinks', { incidentId: inc.id })).items.map((i) => i.title)).toEqual([
      'Alert on registry quota',
    ]);
  });

  const recordReaderSkipsGone =
    "the vendor port's record reader gives the moments of the links it is handed, leaving out one that is gone";
  it(recordReaderSkipsGone, async () => {
    const { pr } = openOnGitHub();
    const github = createGitHubClient({ token: sim.tokens.github, baseUrl: sim.urls.github });
    const link: GitHubLink = {
      owner: '2i2c-org',
      repo: 'infrastructure',
      kind: 'pull',
      number: pr.number,
      url: `https://github.com/2i2c-org/infrastructure/pull/${pr.number}`,
    };
    const gone: GitHubLink = { ...link, number: 999, url: link.url.replace(/\d+$/, '999') };
    const clients = { pagerduty: null, freshdesk: null, slack: null, github };
    const entries = await vendorTable.github.readRecord(clients, [link, gone]);
    expect(entries.map((e) => [e.source, e.kind, e.vendorRef])).toEqual([
      ['github', 'pull.opened', `2i2c-org/infrastructure#${pr.number}:opened`],
    ]);
    expect(await vendorTable.github.readRecord({ ...clients, github: null }, [link])).toEqual([]);
  });
});
