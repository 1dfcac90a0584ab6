import { afterEach, describe, expect, it } from 'vitest';
import type { ReportDebtItem, ReportView, StatusChange } from '../../src/shared/report';
import { timelineQueryRepo } from '../../src/main/core/db/repos/timelineQuery';
import { addEntry, declare, getReport, must, reportCore, updateReport } from '../helpers/report';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const min = 60_000;

describe('the report draft', () => {
  const open: Array<{ cleanup(): void }> = [];
  afterEach(() => open.splice(0).forEach((c) => c.cleanup()));
  const setup = () => {
    const t = reportCore();
    open.push(t);
    return t;
  };

  it('exists from the first read with every section in order and a header filled from the session', async () => {
    const { core } = setup();
    const inc = await declare(core);
    const r = await getReport(core, inc.id);
    expect(r.sections.map((s) => s.title)).toEqual([
      'Overview',
      'What Happened',
      'Resolution',
      'Where we got lucky',
      'What Went Well?',
      "What Didn't Go So Well?",
      'Action Items',
      'Timeline',
    ]);
    expect(r.header).toEqual({
      title: 'Users cannot start servers',
      owner: '',
      impactStart: '2026-11-26T12:00:00.000Z',
      impactEnd: null,
      impactEndProposal: null,
      timezone: 'UTC',
      duration: null,
      status: 'draft',
    });
    expect(r.version).toBe(1);
    expect(r.fileBase).toBe('2026-11-26-uw-hub-users-cannot-start-servers');
    expect(core.db.prepare('SELECT count(*) FROM report_drafts').pluck().get()).toBe(1);
    // A second read does not create another draft or change the version.
    expect((await getReport(core, inc.id)).version).toBe(1);
  });

  it('computes the duration across days and shows every time in the report timezone', async () => {
    const { core } = setup();
    const inc = await declare(core);
    addEntry(core, inc.id, { at: T0 + 12 * 60 * min, body: 'Quota raised', kind: 'decision' });
    let r = await updateReport(core, inc.id, {
      impactStart: '2026-11-26T11:40:00Z',
      impactEnd: '2026-11-27T14:05:00+01:00',
      timezone: 'Europe/Berlin',
    });
    expect(r.header.duration).toBe('1 day 1 hour 25 minutes');
    expect(r.timeline.map((l) => l.time)).toEqual(['2026-11-26 13:00', '2026-11-27 01:00']);
    expect(r.timeline.map((l) => l.day)).toEqual([expect.stringMatching(/Thursday/), expect.stringMatching(/Friday/)]);
    expect(r.fileBase).toBe('2026-11-26-uw-hub-users-cannot-start-servers');
    r = await updateReport(core, inc.id, { timezone: 'America/Los_Angeles' });
    expect(r.timeline.map((l) => l.time)).toEqual(['2026-11-26 04:00', '2026-11-26 16:00']);
    expect(r.fileBase.startsWith('2026-11-26-')).toBe(true);
    r = await updateReport(core, inc.id, { timezone: 'Pacific/Kiritimati' });
    expect(r.fileBase.startsWith('2026-11-27-')).toBe(true);
  });

  it('refuses an impact end before the start, and an unknown timezone, changing nothing', async () => {
    const { core } = setup();
    const inc = await declare(core);
    const bad = await core.invoke('report.update', {
      incidentId: inc.id,
      patch: { impactEnd: '2026-11-26T11:00:00Z' },
    });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
    const tz = await core.invoke('report.update', { incidentId: inc.id, patch: { timezone: 'Mars/Base' } });
    expect(!tz.ok && tz.error.message).toMatch(/IANA/);
    expect((await getReport(core, inc.id)).version).toBe(1);
  });

  const buildsTheTimelineFrom =
    'builds the timeline from entries marked for the report, using summaries, and follows timeline edits';
  it(buildsTheTimelineFrom, async () => {
    const { core } = setup();
    const inc = await declare(core);
    addEntry(core, inc.id, { at: T0 + 5 * min, body: 'kubectl logs -n uw hub\nlots of output', kind: 'finding' });
    const hidden = addEntry(core, inc.id, { at: T0 + 6 * min, body: 'coffee', inReport: false });
    const summarised = addEntry(core, inc.id, {
      at: T0 + 7 * min,
      body: 'long rambling note',
      summary: 'Found the quota limit',
    });
    let r = await getReport(core, inc.id);
    expect(r.timeline.map((l) => [l.time, l.text])).toEqual([
      ['2026-11-26 12:00', 'Incident declared: Users cannot start servers'],
      ['2026-11-26 12:05', 'kubectl logs -n uw hub'],
      ['2026-11-26 12:07', 'Found the quota limit'],
    ]);
    const flags = timelineQueryRepo(core.db);
    flags.setInReport(hidden, true);
    flags.setInReport(summarised, false);
    r = await getReport(core, inc.id);
    expect(r.timeline.map((l) => l.text)).toEqual([
      'Incident declared: Users cannot start servers',
      'kubectl logs -n uw hub',
      'coffee',
    ]);
  });

  const proposesOverviewWhatHappened =
    'proposes Overview, What Happened and Resolution from the session until the author accepts or edits them';
  it(proposesOverviewWhatHappened, async () => {
    const { core } = setup();
    const inc = await declare(core);
    addEntry(core, inc.id, { at: T0 + 1 * min, kind: 'classification', body: 'Users cannot start their servers' });
    addEntry(core, inc.id, { at: T0 + 10 * min, kind: 'finding', body: 'Node pool at max size' });
    addEntry(core, inc.id, {
      at: T0 + 20 * min,
      kind: 'decision',
      body: 'ignored',
      summary: 'Raise the node pool limit to 10',
    });
    addEntry(core, inc.id, { at: T0 + 25 * min, kind: 'note', body: 'not a key entry' });
    addEntry(core, inc.id, {
      at: T0 + 40 * min,
      kind: 'resolved',
      body: 'Servers start again after raising the limit.',
    });
    const r = await getReport(core, inc.id);
    const overview = r.sections.find((s) => s.key === 'overview');
    const what = r.sections.find((s) => s.key === 'whatHappened');
    if (overview?.kind !== 'text' || what?.kind !== 'text') throw new Error('text sections expected');
    expect(overview.body).toBeNull();
    expect(overview.proposal).toContain('Users cannot start servers on the uw-hub hub.');
    expect(overview.proposal).toContain('Classified as: Users cannot start their servers.');
    expect(overview.proposal).toContain('Resolution: Servers start again after raising the limit.');
    expect(what.proposal).toContain('At 12:10, a finding was recorded: Node pool at max size. [^e:');
    expect(what.proposal).toContain('At 12:20, the team decided: Raise the node pool limit to 10. [^e:');
    expect(what.proposal).not.toContain('not a key entry');
    expect(r.warnings.filter((w) => w.code === 'unaccepted_proposal').map((w) => w.section)).toEqual([
      'overview',
      'whatHappened',
      'resolution',
    ]);

    const accepted = await updateReport(core, inc.id, { whatHappened: what.proposal });
    const after = accepted.sections.find((s) => s.key === 'whatHappened');
    expect(after?.kind === 'text' && [after.body, after.proposal]).toEqual([what.proposal, null]);
    const reset = await updateReport(core, inc.id, { whatHappened: null });
    const again = reset.sections.find((s) => s.key === 'whatHappened');
    expect(again?.kind === 'text' && again.proposal).toBe(what.proposal);
  });

  it('refuses a stale expectedVersion with conflict and keeps the newer text', async () => {
    const { core } = setup();
    const inc = await declare(core);
    const v1 = await getReport(core, inc.id);
    await must(
      core.invoke('report.update', { incidentId: inc.id, expectedVersion: v1.version, patch: { lucky: 'First' } }),
    );
    const stale = await core.invoke('report.update', {
      incidentId: inc.id,
      expectedVersion: v1.version,
      patch: { lucky: 'Second' },
    });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const s = (await getReport(core, inc.id)).sections.find((x) => x.key === 'lucky');
    expect(s?.kind === 'text' && s.body).toBe('First');
  });

  it('keeps action items with validated GitHub links and gives ready-to-copy issue text', async () => {
    const { core } = setup();
    const inc = await declare(core);
    const bad = await core.invoke('report.addActionItem', {
      incidentId: inc.id,
      what: 'Alert on quota',
      issueUrl: 'https://github.com/2i2c-org/infrastructure/pull/12',
    });
    expect(!bad.ok && bad.error.message).toMatch(/issues\/<number>/);
    let r = await must<ReportView>(
      core.invoke('report.addActionItem', {
        incidentId: inc.id,
        what: 'Alert before the node pool is full',
        doneWhen: 'An alert fires at 80%',
        owner: 'SRE team',
      }),
    );
    const item = r.actionItems[0]!;
    expect(item).toMatchObject({ what: 'Alert before the node pool is full', issueUrl: null });
    expect(r.warnings.some((w) => w.code === 'missing_issue_link' && w.itemId === item.id)).toBe(true);
    r = await must<ReportView>(
      core.invoke('report.updateActionItem', {
        incidentId: inc.id,
        itemId: item.id,
        patch: { issueUrl: ' https://github.com/2i2c-org/infrastructure/issues/4567 ' },
      }),
    );
    expect(r.actionItems[0]!.issueUrl).toBe('https://github.com/2i2c-org/infrastructure/issues/4567');
    expect(r.warnings.some((w) => w.code === 'missing_issue_link')).toBe(false);

    const text = await must<{ title: string; body: string }>(
      core.invoke('report.issueText', { incidentId: inc.id, itemId: item.id }),
    );
    expect(text.title).toBe('Incident action item: Alert before the node pool is full');
    expect(text.body).toContain('### Incident Action Item');
    expect(text.body).toContain(
      `**Incident report:** https://github.com/2i2c-org/incident-reports/blob/main/reports/${r.fileBase}.pdf`,
    );
    expect(text.body).toMatch(/#### What needs to happen\n\nAlert before the node pool is full/);
    expect(text.body).toMatch(/#### Definition of done\n\nAn alert fires at 80%/);

    r = await must<ReportView>(core.invoke('report.removeActionItem', { incidentId: inc.id, itemId: item.id }));
    expect(r.actionItems).toEqual([]);
    const gone = await core.invoke('report.issueText', { incidentId: inc.id, itemId: item.id });
    expect(!gone.ok && gone.error.code).toBe('not_found');
  });

  it('warns on the way to Reviewed without blocking, and moves Draft → Reviewed → Closed → Draft', async () => {
    const { core } = setup();
    const inc = await declare(core);
    core.db
      .prepare("INSERT INTO settings (key, value) VALUES ('report.rosterNames', ?)")
      .run(JSON.stringify(['Bob Okafor']));
    addEntry(core, inc.id, { at: T0 + 60_000, body: 'Restarted the hub', actor: 'Alice Smith' });
    await updateReport(core, inc.id, {
      resolution: 'Service came back because Bob forgot to scale down. Alice restarted the hub.',
    });
    await must(core.invoke('report.addActionItem', { incidentId: inc.id, what: 'Add an alert' }));

    const straight = await core.invoke('report.setStatus', { incidentId: inc.id, status: 'closed' });
    expect(!straight.ok && straight.error.code).toBe('conflict');

    const reviewed = await must<StatusChange>(
      core.invoke('report.setStatus', {
        incidentId: inc.id,
        status: 'reviewed',
        override: { reason: 'Testing the warnings' },
      }),
    );
    expect(reviewed.report.header.status).toBe('reviewed');
    const codes = reviewed.warnings.map((w) => `${w.code}:${w.section ?? ''}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'missing_owner:',
        'missing_impact_end:',
        'unaccepted_proposal:overview',
        'empty_section:lucky',
        'empty_section:wentWell',
        'empty_section:wentBadly',
        'missing_issue_link:actionItems',
        'thin_timeline:timeline',
        'blame:resolution',
      ]),
    );
    expect(codes).not.toContain('empty_section:resolution');
    const blame = reviewed.warnings.filter((w) => w.code === 'blame');
    expect(blame).toHaveLength(1);
    expect(blame[0]!.excerpt).toBe('Service came back because Bob forgot to scale down.');
    expect(blame[0]!.suggestion).toBe(
      'Service came back because no step in our process made sure we would scale down.',
    );

    const closed = await must<StatusChange>(core.invoke('report.setStatus', { incidentId: inc.id, status: 'closed' }));
    expect(closed.report.header.status).toBe('closed');
    const back = await must<StatusChange>(core.invoke('report.setStatus', { incidentId: inc.id, status: 'draft' }));
    expect([back.report.header.status, back.warnings]).toEqual(['draft', []]);
  });

  it('lists resolved incidents whose report is not Closed as report debt, and emits report.changed', async () => {
    const { core } = setup();
    const a = await declare(core, 'Hub A down', 'a');
    const b = await declare(core, 'Hub B down', 'b');
    await declare(core, 'Still burning', 'c');
    core.db.prepare("UPDATE incidents SET status = 'resolved' WHERE id IN (?, ?)").run(a.id, b.id);
    const seen: unknown[] = [];
    core.bus.subscribe((name, payload) => name === 'report.changed' && seen.push(payload));

    let debt = await must<ReportDebtItem[]>(core.invoke('report.debt', {}));
    expect(debt.map((d) => [d.title, d.reportStatus])).toEqual([
      ['Hub B down', 'draft'],
      ['Hub A down', 'draft'],
    ]);
    await must(
      core.invoke('report.setStatus', {
        incidentId: b.id,
        status: 'reviewed',
        override: { reason: 'Written elsewhere' },
      }),
    );
    await must(core.invoke('report.setStatus', { incidentId: b.id, status: 'closed' }));
    debt = await must<ReportDebtItem[]>(core.invoke('report.debt', undefined));
    expect(debt.map((d) => d.title)).toEqual(['Hub A down']);
    expect(seen).toEqual([
      { incidentId: b.id, version: 2, status: 'reviewed' },
      { incidentId: b.id, version: 3, status: 'closed' },
    ]);
  });

  it('answers not_found for an unknown incident without creating anything', async () => {
    const { core } = setup();
    const r = await core.invoke('report.get', { incidentId: 'nope' });
    expect(!r.ok && r.error.code).toBe('not_found');
    expect(core.db.prepare('SELECT count(*) FROM report_drafts').pluck().get()).toBe(0);
  });
});
