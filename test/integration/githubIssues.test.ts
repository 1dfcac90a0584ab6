// Action items become GitHub issues through the outbox, exactly once: a lost answer (the issue made, the answer
// dropped) is found again by its marker among the issues the token's user opened, never opened twice; a second press
// queues nothing; the item gets its issue's link, and its open/closed state is read with ETags.
import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import type { Register } from '../../src/shared/register';
import type { ExportResult, IssuesQueued, ReportDebtItem, ReportView } from '../../src/shared/report';
import { SIM_GITHUB_LOGIN } from '../simulators';
import { connectToSim, useSimulators, type SimCore } from '../helpers/simCore';

const t = useSimulators();

function setup(config: Record<string, unknown> = { labels: ['incident-follow-up'] }) {
  const h = t.core();
  connectToSim(h.core, t.sim, { github: config });
  const incident = h.incident();
  return { h, incident };
}

async function call<T>(h: SimCore, op: string, input: unknown): Promise<T> {
  const r = (await h.core.invoke(op as never, input as never)) as {
    ok: boolean;
    value?: T;
    error?: { message: string };
  };
  if (!r.ok) throw Object.assign(new Error(r.error?.message ?? 'failed'), { error: r.error });
  return r.value as T;
}

async function addItems(h: SimCore, incidentId: string): Promise<ReportView> {
  await call(h, 'report.update', { incidentId, patch: { overview: 'Users of ocean-data could not start servers.' } });
  await call(h, 'report.addActionItem', {
    incidentId,
    what: 'Alert at 80% of the node pool',
    doneWhen: 'An alert fires in #alerts',
    owner: 'Chen',
  });
  return call<ReportView>(h, 'report.addActionItem', {
    incidentId,
    what: 'Write a runbook for quota errors',
    repo: '2i2c-org/incident-reports',
  });
}

const issuesIn = (h: SimCore, repo: string) =>
  t.sim.state.github.repos.find((r) => `${r.owner}/${r.name}` === repo)!.issues;

/** Waits for the bus subscription that copies a sent job's issue onto its item. */
const settled = () => new Promise((r) => setTimeout(r, 20));

describe('action items as GitHub issues', () => {
  it('opens each issue exactly once through apply-then-drop faults, and links it on its item', async () => {
    const { h, incident } = setup();
    const before = await addItems(h, incident.id);
    expect(before.githubRepo).toBe('2i2c-org/infrastructure');
    // Both creates reach GitHub, and both answers are lost.
    t.sim.fault({ vendor: 'github', method: 'POST', count: 2, action: { type: 'apply_then_drop' } });
    const first = await call<IssuesQueued>(h, 'report.createIssues', { incidentId: incident.id });
    expect(first.queued).toHaveLength(2);
    expect(first.report.actionItems.map((a) => a.issueRequest)).toEqual(['pending', 'pending']);
    // Pressing again while they are on their way queues nothing.
    const second = await call<IssuesQueued>(h, 'report.createIssues', { incidentId: incident.id });
    expect(second.queued).toEqual([]);
    expect(second.skipped.map((s) => s.reason)).toEqual(['pending', 'pending']);
    const one = await h.core.invoke('report.createIssues', { incidentId: incident.id, itemIds: [first.queued[0]!] });
    expect(one).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'pending' } } });

    const jobs = await h.drain();
    expect(jobs.filter((j) => j.kind === 'github.createIssue').map((j) => j.state)).toEqual(['sent', 'sent']);
    await settled();
    const infra = issuesIn(h, '2i2c-org/infrastructure');
    const reports = issuesIn(h, '2i2c-org/incident-reports');
    expect(infra).toHaveLength(1);
    expect(reports).toHaveLength(1);
    const posts = t.sim.requests({ vendor: 'github', method: 'POST' });
    expect(posts.map((r) => r.fault)).toEqual(['apply_then_drop', 'apply_then_drop']);
    // The reconcile read the issues list by creator, not the search API.
    const reads = t.sim.requests({ vendor: 'github', method: 'GET' }).map((r) => r.path);
    expect(reads).toContain('/repos/2i2c-org/infrastructure/issues');
    expect(reads.some((p) => p.startsWith('/search'))).toBe(false);
    const listed = t.sim.requests({ vendor: 'github', method: 'GET', path: '/repos/2i2c-org/infrastructure/issues' });
    expect(listed[0]!.query.creator).toEqual([SIM_GITHUB_LOGIN]);

    const issue = infra[0]!;
    expect(issue.title).toBe('Incident action item: Alert at 80% of the node pool');
    expect(issue.labels).toEqual(['incident-follow-up']);
    expect(issue.body).toContain('#### What needs to happen\n\nAlert at 80% of the node pool');
    expect(issue.body).toContain('#### Definition of done\n\nAn alert fires in #alerts');
    expect(issue.body).toContain('**Owner:** Chen');
    expect(issue.body).toContain('Users of ocean-data could not start servers.');
    expect(issue.body).toMatch(/\*\*Incident report:\*\* \S+\.pdf/);
    expect(issue.body).toMatch(/<!-- \[conn:[^\]]+\] -->$/);

    const after = await call<ReportView>(h, 'report.get', { incidentId: incident.id });
    expect(after.actionItems.map((a) => [a.issueUrl, a.issueState, a.issueRequest])).toEqual([
      [`https://github.com/2i2c-org/infrastructure/issues/${issue.number}`, 'open', null],
      [`https://github.com/2i2c-org/incident-reports/issues/${reports[0]!.number}`, 'open', null],
    ]);
    // Once it has its issue, another press is refused and queues nothing.
    const again = await h.core.invoke('report.createIssues', {
      incidentId: incident.id,
      itemIds: [after.actionItems[0]!.id],
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'already_sent' } } });
    const all = await call<IssuesQueued>(h, 'report.createIssues', { incidentId: incident.id });
    expect(all.queued).toEqual([]);
    expect(issuesIn(h, '2i2c-org/infrastructure')).toHaveLength(1);
  });

  it('reads each issue state with its ETag: unchanged is a free 304, a closed issue shows closed', async () => {
    const { h, incident } = setup();
    await addItems(h, incident.id);
    await call(h, 'report.createIssues', { incidentId: incident.id });
    await h.drain();
    await settled();
    t.sim.clearRequests();
    await call<ReportView>(h, 'report.refreshIssues', { incidentId: incident.id });
    const gets = t.sim.requests({ vendor: 'github', method: 'GET' });
    expect(gets.map((r) => r.status)).toEqual([200, 200]);
    t.sim.clearRequests();
    let view = await call<ReportView>(h, 'report.refreshIssues', { incidentId: incident.id });
    expect(t.sim.requests({ vendor: 'github', method: 'GET' }).map((r) => r.status)).toEqual([304, 304]);
    expect(view.actionItems.map((a) => a.issueState)).toEqual(['open', 'open']);

    const number = issuesIn(h, '2i2c-org/infrastructure')[0]!.number;
    const res = await fetch(`${t.sim.urls.control}/github/issues`, {
      method: 'POST',
      body: JSON.stringify({ repo: '2i2c-org/infrastructure', number, state: 'closed' }),
    });
    expect(res.status).toBe(200);
    view = await call<ReportView>(h, 'report.refreshIssues', { incidentId: incident.id });
    expect(view.actionItems.map((a) => a.issueState)).toEqual(['closed', 'open']);
    expect(view.actionItems[0]!.issueClosedAt).not.toBeNull();
    // The polling round reads only what was not read within the interval: nothing right now.
    expect(await h.core.services.issueStates.poll()).toBe(0);
    // Read 11 minutes ago: due again, and answered 304 (free).
    const db = h.core.db;
    db.prepare('UPDATE report_action_items SET issue_checked_at = ? WHERE incident_id = ?').run(
      Date.now() - 11 * 60_000,
      incident.id,
    );
    t.sim.clearRequests();
    expect(await h.core.services.issueStates.poll()).toBe(2);
    expect(t.sim.requests({ vendor: 'github', method: 'GET' }).map((r) => r.status)).toEqual([304, 304]);
    // A closed incident whose report closed 91 days ago is no longer asked about; one closed last week still is.
    db.prepare('UPDATE report_action_items SET issue_checked_at = 0 WHERE incident_id = ?').run(incident.id);
    db.prepare("UPDATE incidents SET status = 'closed' WHERE id = ?").run(incident.id);
    db.prepare("UPDATE report_drafts SET status = 'closed', updated_at = ? WHERE incident_id = ?").run(
      Date.now() - 91 * 86_400_000,
      incident.id,
    );
    expect(await h.core.services.issueStates.poll()).toBe(0);
    db.prepare('UPDATE report_drafts SET updated_at = ? WHERE incident_id = ?').run(
      Date.now() - 7 * 86_400_000,
      incident.id,
    );
    expect(await h.core.services.issueStates.poll()).toBe(2);
    db.prepare("UPDATE report_drafts SET status = 'draft' WHERE incident_id = ?").run(incident.id);

    // The exports show each item's issue and its state.
    const exported = async (format: 'markdown' | 'html' | 'pdf') =>
      readFileSync((await call<ExportResult>(h, 'report.export', { incidentId: incident.id, format })).path!);
    const md = (await exported('markdown')).toString('utf8');
    expect(md).toContain(`   - Issue: <https://github.com/2i2c-org/infrastructure/issues/${number}> (closed)`);
    expect(md).toMatch(/- Issue: <https:\/\/github\.com\/2i2c-org\/incident-reports\/issues\/\d+> \(open\)/);
    const html = (await exported('html')).toString('utf8');
    expect(html).toContain(`2i2c-org/infrastructure#${number}</a> <span class="issue-closed">Closed</span>`);
    const parser = new PDFParse({ data: new Uint8Array(await exported('pdf')) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    expect(text).toMatch(/2i2c-org\/infrastructure#\d+\s*Closed/);
    expect(text).toMatch(/2i2c-org\/incident-reports#\d+\s*Open/);

    // The register counts them; a month on, the open one is report debt, even once the report is closed.
    const reg = await call<Register>(h, 'register.list', {});
    expect(reg.rows.find((r) => r.incidentId === incident.id)?.actionItems).toEqual({
      total: 2,
      withIssue: 2,
      open: 1,
      closed: 1,
    });
    let debt = await call<ReportDebtItem[]>(h, 'report.debt', {});
    expect(debt.find((d) => d.incidentId === incident.id)?.openActionItems ?? null).toBeNull();
    h.core.db
      .prepare('UPDATE report_drafts SET impact_start = ?, status = ? WHERE incident_id = ?')
      .run(Date.now() - 31 * 86_400_000, 'closed', incident.id);
    debt = await call<ReportDebtItem[]>(h, 'report.debt', {});
    expect(debt.find((d) => d.incidentId === incident.id)?.openActionItems).toEqual({ open: 1, total: 2 });
  });

  it('without GitHub, creating issues is refused in plain words and nothing is queued', async () => {
    const h = t.core();
    const incident = h.incident();
    const view = await addItems(h, incident.id);
    expect(view.githubRepo).toBeNull();
    const r = await h.core.invoke('report.createIssues', { incidentId: incident.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
    expect(h.core.services.outbox.list({})).toEqual([]);
    const text = await call<{ title: string; body: string }>(h, 'report.issueText', {
      incidentId: incident.id,
      itemId: view.actionItems[0]!.id,
    });
    expect(text.title).toBe('Incident action item: Alert at 80% of the node pool');
  });
});
