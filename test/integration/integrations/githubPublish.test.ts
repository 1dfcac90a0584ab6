// Publishing the report by pull request, through the GitHub and Freshdesk simulators: one branch with the two
// files and one pull request, however often it is pressed, re-published or interrupted by lost answers; the check
// marks the step done once the pull request is merged; the community gets the link once per ticket.
import { readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISH_MAX_BYTES } from '../../../src/shared/outbox';
import type { Result } from '../../../src/shared/result';
import type { OutboxJob } from '../../../src/shared/outbox';
import type { ReportPublication } from '../../../src/shared/publish';
import { mergePull, type GhRepoRec } from '../../simulators/github';
import { SIM_TICKET_ID } from '../../simulators';
import { connectToSim, SIM_TICKET_URL, useSimulators, type SimCore } from '../../helpers/simCore';
import { DEFAULT_REGISTRY_DIR } from '../../simulators/hubs';

const t = useSimulators();
const REPORTS = '/repos/2i2c-org/incident-reports';

function setup(github = true) {
  const h = t.core();
  if (github) connectToSim(h.core, t.sim, { github: true });
  const inc = h.incident();
  return { h, inc, repo: t.sim.state.github.repos.find((r) => r.name === 'incident-reports')! };
}

async function call<T>(h: SimCore, op: string, input: unknown): Promise<Result<T>> {
  return (await h.core.invoke(op, input)) as Result<T>;
}
const reasonOf = (r: Result<unknown>): unknown =>
  r.ok ? null : (r.error.details as { reason?: unknown } | undefined)?.reason;
async function ok<T>(h: SimCore, op: string, input: unknown): Promise<T> {
  const r = await call<T>(h, op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function writeOverview(h: SimCore, incidentId: string, overview: string) {
  const view = await ok<{ version: number }>(h, 'report.get', { incidentId });
  await ok(h, 'report.update', { incidentId, expectedVersion: view.version, patch: { overview } });
}

/** The files on a branch (path → text for Markdown, byte count for the PDF). */
function filesOn(repo: GhRepoRec, branch: string): Map<string, string> {
  const sha = repo.branches.get(branch);
  if (!sha) return new Map();
  const out = new Map<string, string>();
  for (const [p, f] of repo.commits.get(sha)!.files)
    if (p.startsWith('reports/2')) out.set(p, Buffer.from(f.content, 'base64').toString('latin1'));
  return out;
}

const connBranches = (repo: GhRepoRec) => [...repo.branches.keys()].filter((b) => b.startsWith('conn/'));

describe('publishing the report by pull request', () => {
  it('puts the PDF and Markdown on one branch with one pull request, and publishing again updates both', async () => {
    const { h, inc, repo } = setup();
    await writeOverview(h, inc.id, 'Users of the Ocean Data hub could not start servers for an hour.');
    const first = await ok<{ job: OutboxJob; publication: ReportPublication }>(h, 'report.publish', {
      incidentId: inc.id,
    });
    expect(first.publication.state).toBe('publishing');
    // Pressed again while it is pending: refused, nothing queued.
    const twice = await call(h, 'report.publish', { incidentId: inc.id });
    expect([twice.ok || twice.error.code, reasonOf(twice)]).toEqual(['conflict', 'pending']);
    await h.drain();

    expect(connBranches(repo)).toEqual([`conn/${inc.id}`]);
    const files = filesOn(repo, `conn/${inc.id}`);
    const names = [...files.keys()].sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^reports\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
    expect(names[1]).toBe(names[0]!.replace(/\.md$/, '.pdf'));
    expect(files.get(names[1]!)!.startsWith('%PDF-')).toBe(true);
    expect(files.get(names[0]!)).toContain('could not start servers for an hour');
    expect(repo.pulls).toHaveLength(1);
    const pr = repo.pulls[0]!;
    expect(pr).toMatchObject({ state: 'open', head: `conn/${inc.id}`, base: 'main' });
    expect(pr.body).toContain('could not start servers for an hour');
    expect(pr.body).toMatch(/<!-- conn:[^ ]+ -->/);

    const open = await ok<ReportPublication>(h, 'report.publication', { incidentId: inc.id });
    expect(open).toMatchObject({ state: 'open', pullNumber: pr.number, branch: `conn/${inc.id}` });
    expect(open.pullUrl).toBe(`https://github.com/2i2c-org/incident-reports/pull/${pr.number}`);

    // Sent once: a plain press is refused; "publish again" with edits updates the same branch and pull request.
    const sent = await call(h, 'report.publish', { incidentId: inc.id });
    expect(reasonOf(sent)).toBe('already_sent');
    await writeOverview(h, inc.id, 'Users could not start servers for 55 minutes; a full node pool was the cause.');
    await ok(h, 'report.publish', { incidentId: inc.id, again: true });
    // The first publish's exports are not needed any more: only the latest stay on disk.
    expect(readdirSync(join(h.dataDir, 'publish', inc.id))).toHaveLength(1);
    await h.drain();
    expect(connBranches(repo)).toHaveLength(1);
    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0]!.body).toContain('a full node pool was the cause');
    expect(filesOn(repo, `conn/${inc.id}`).get(names[0]!)).toContain('a full node pool was the cause');
    const puts = t.sim.requests({ vendor: 'github', method: 'PUT' });
    expect(puts).toHaveLength(4); // two files, twice: each publish commits what changed
    expect(t.sim.requests({ vendor: 'github', method: 'POST', path: `${REPORTS}/pulls` })).toHaveLength(1);
    expect(t.sim.requests({ vendor: 'github', method: 'POST', path: `${REPORTS}/git/refs` })).toHaveLength(1);
  });

  it('keeps one branch and one pull request when every write answer is lost after it applied', async () => {
    const { h, inc, repo } = setup();
    for (const [method, path] of [
      ['POST', `${REPORTS}/git/refs`],
      ['PUT', `${REPORTS}/contents/*`],
      ['POST', `${REPORTS}/pulls`],
    ] as const)
      t.sim.fault({ vendor: 'github', method, path, action: { type: 'apply_then_drop' } });
    await ok(h, 'report.publish', { incidentId: inc.id });
    const jobs = await h.drain();
    expect(jobs.map((j) => j.state)).toEqual(['sent']);
    // Each lost answer cost one more attempt (the reconcile read "not there yet", or found the PR: done).
    expect(jobs[0]!.attempts).toBe(3);
    expect(connBranches(repo)).toEqual([`conn/${inc.id}`]);
    expect(filesOn(repo, `conn/${inc.id}`).size).toBe(2);
    expect(repo.pulls).toHaveLength(1);
    // The lost answers were reconciled by reading; nothing was created twice.
    expect(t.sim.requests({ vendor: 'github', method: 'POST', path: `${REPORTS}/git/refs` })).toHaveLength(1);
    expect(t.sim.requests({ vendor: 'github', method: 'POST', path: `${REPORTS}/pulls` })).toHaveLength(1);
  });

  it('is published once merged (by check), and the community gets the link once on every ticket', async () => {
    const { h, inc, repo } = setup();
    // Before publishing there is no link to send.
    const early = await call(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'share_report' });
    expect(early.ok ? null : early.error.code).toBe('precondition_failed');

    // The runbook step publishes too, and is not done merely because GitHub accepted the pull request.
    await ok(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'publish_report' });
    await h.drain();
    const stepOf = async (id: string) =>
      (
        await ok<Array<{ stepId: string; state: string; doneVia: string | null }>>(h, 'checklist.list', {
          incidentId: inc.id,
        })
      ).find((s) => s.stepId === id)!;
    expect((await stepOf('publish_report')).state).toBe('in_progress');
    await ok(h, 'checks.run', { incidentId: inc.id });
    expect((await stepOf('publish_report')).state).toBe('in_progress');

    // While the pull request is open, the link is the pull request.
    const pr = repo.pulls[0]!;
    await ok(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'share_report' });
    const again = await call(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'share_report' });
    expect(reasonOf(again)).toBe('pending');
    await h.drain();
    const replies = () =>
      t.sim.state.freshdesk.conversations.filter(
        (c) => c.ticket_id === SIM_TICKET_ID && !c.incoming && !c.private && c.body.includes('report on the recent'),
      );
    expect(replies()).toHaveLength(1);
    expect(replies()[0]!.body).toContain(`https://github.com/2i2c-org/incident-reports/pull/${pr.number}`);
    const sentTwice = await call(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'share_report' });
    expect(reasonOf(sentTwice)).toBe('already_sent');

    // Someone merges it: the check confirms the step, and the link becomes the file on the default branch.
    mergePull(t.sim.state.github, repo, pr.number, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
    await ok(h, 'checks.run', { incidentId: inc.id });
    expect(await stepOf('publish_report')).toMatchObject({ state: 'done', doneVia: 'check' });
    const merged = await ok<ReportPublication>(h, 'report.publication', { incidentId: inc.id });
    expect(merged.state).toBe('merged');
    expect(merged.link).toMatch(/^https:\/\/github\.com\/2i2c-org\/incident-reports\/blob\/main\/reports\/.+\.md$/);

    await ok(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'share_report', again: true });
    await h.drain();
    expect(replies()).toHaveLength(2);
    expect(replies()[1]!.body).toContain(merged.link!);
  });

  it('sends the link once on every affected community’s ticket when the incident spans several hubs', async () => {
    const h = t.core();
    connectToSim(h.core, t.sim, { github: true });
    await ok(h, 'registry.import', { folder: DEFAULT_REGISTRY_DIR });
    const emails = ['help@ocean-data.example.org', 'it@kelp-lab.example.edu', 'support@tidepool.example.edu'];
    for (const [hubId, email] of [
      ['seaweed/ocean-data', emails[0]],
      ['seaweed/kelp-lab', emails[1]],
      ['seaweed/tidepool', emails[2]],
    ])
      await ok(h, 'registry.updateHub', { hubId, requesterEmail: email });
    const inc = await ok<{ id: string }>(h, 'incidents.declare', {
      title: 'Seaweed cluster: servers do not start',
      hub: 'ocean-data',
      ticketUrl: SIM_TICKET_URL,
      scope: { kind: 'cluster', value: 'seaweed' },
    });
    await ok(h, 'report.publish', { incidentId: inc.id });
    await h.drain();
    const link = (await ok<ReportPublication>(h, 'report.publication', { incidentId: inc.id })).link!;
    await ok(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'share_report' });
    expect(reasonOf(await call(h, 'checklist.runAction', { incidentId: inc.id, stepId: 'share_report' }))).toBe(
      'pending',
    );
    await h.drain();
    const fd = t.sim.state.freshdesk;
    // Each community's first message with the link: a reply on the incident's ticket, or a new ticket's description.
    const told = (ticketId: number) =>
      fd.conversations.filter((c) => c.ticket_id === ticketId && c.body.includes(link)).length +
      fd.tickets.filter((x) => x.id === ticketId && (x.description ?? '').includes(link)).length;
    const theirs = fd.tickets.filter(
      (x) =>
        x.id === SIM_TICKET_ID ||
        fd.contacts.some((c) => c.id === x.requester_id && emails.slice(1).includes(c.email ?? '')),
    );
    expect(theirs).toHaveLength(3);
    expect(theirs.map((x) => told(x.id))).toEqual([1, 1, 1]);
  });

  it('reopens a pull request closed without merging instead of opening a second one', async () => {
    const { h, inc, repo } = setup();
    await ok(h, 'report.publish', { incidentId: inc.id });
    await h.drain();
    Object.assign(repo.pulls[0]!, { state: 'closed', closed_at: '2026-12-07T10:00:00Z' });
    await writeOverview(h, inc.id, 'Rewritten after the review.');
    await ok(h, 'report.publish', { incidentId: inc.id, again: true });
    await h.drain();
    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0]).toMatchObject({ state: 'open', closed_at: null });
    expect(repo.pulls[0]!.body).toContain('Rewritten after the review.');
  });

  it('after the merge, publishing edits opens one follow-up pull request from the branch started again', async () => {
    const { h, inc, repo } = setup();
    await ok(h, 'report.publish', { incidentId: inc.id });
    await h.drain();
    mergePull(t.sim.state.github, repo, repo.pulls[0]!.number, '2026-12-07T10:00:00Z');
    await writeOverview(h, inc.id, 'A correction after the merge.');
    await ok(h, 'report.publish', { incidentId: inc.id, again: true });
    await h.drain();
    expect(repo.pulls).toHaveLength(2);
    expect(repo.pulls[1]).toMatchObject({ state: 'open', head: `conn/${inc.id}` });
    // The branch started again from main: its new commits sit on main's merge commit.
    const main = repo.branches.get('main')!;
    let at: string | null = repo.branches.get(`conn/${inc.id}`)!;
    while (at && at !== main) at = repo.commits.get(at)!.parent;
    expect(at).toBe(main);
  });

  it('refuses, in plain words, a file over the cap or one no longer on disk', async () => {
    const { h, inc, repo } = setup();
    const big = join(h.dataDir, 'big.pdf');
    writeFileSync(big, '');
    truncateSync(big, PUBLISH_MAX_BYTES + 1); // sparse: nothing is really written
    const payload = (localFile: string) => ({
      repo: '2i2c-org/incident-reports',
      branch: `conn/${inc.id}`,
      title: 'Incident report',
      body: 'Overview',
      message: 'Publish the report',
      files: [{ path: 'reports/x.pdf', localFile, sha: 'a'.repeat(40), bytes: 1 }],
    });
    const tooBig = h.enqueue(inc.id, 'github.publishReport', payload(big));
    const gone = h.enqueue(inc.id, 'github.publishReport', payload(join(h.dataDir, 'gone.pdf')), 'other');
    await h.drain();
    expect(h.job(tooBig)).toMatchObject({ state: 'dead' });
    expect(h.job(tooBig).lastError).toMatch(/Conn publishes files up to 50 MB/);
    expect(h.job(gone).lastError).toMatch(/no longer on this computer.*Publish again/);
    expect(connBranches(repo)).toEqual([]);
  });

  it('without GitHub, says plainly it is not connected and leaves the local export working', async () => {
    const { h, inc } = setup(false);
    const r = await call(h, 'report.publish', { incidentId: inc.id });
    expect([r.ok || r.error.code, reasonOf(r)]).toEqual(['precondition_failed', 'not_connected']);
    expect(r.ok ? '' : r.error.message).toMatch(/GitHub is not connected.*export the report/);
    const pub = await ok<ReportPublication>(h, 'report.publication', { incidentId: inc.id });
    expect(pub).toMatchObject({ state: 'not_published', connected: false });
    const md = await ok<{ bytes: number }>(h, 'report.export', { incidentId: inc.id, format: 'markdown' });
    expect(md.bytes).toBeGreaterThan(0);
    expect(h.core.services.outbox.list({})).toHaveLength(0);
  });
});
