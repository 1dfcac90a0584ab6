// report.check and the Reviewed gate end to end through the core: a seeded incident's proposals cite existing
// entries, the checker flags a wrong time, an empty section, an unknown hub and a missing issue and clears as each is
// fixed, and an override records its reason on the timeline.
import { afterEach, describe, expect, it } from 'vitest';
import type { FactCheck, ReportView, StatusChange } from '../../src/shared/report';
import type { TimelineEntry } from '../../src/shared/domain';
import { citedIds } from '../../src/main/core/report/propose';
import { reportMarkdown } from '../../src/main/core/report/markdown';
import { reportHtml } from '../../src/main/core/report/html';
import { addEntry, declare, getReport, must, reportCore, updateReport } from '../helpers/report';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const min = 60_000;

describe('report.check and the Reviewed gate', () => {
  const open: Array<{ cleanup(): void }> = [];
  afterEach(() => open.splice(0).forEach((c) => c.cleanup()));
  const setup = () => {
    const t = reportCore();
    open.push(t);
    return t;
  };
  const text = (r: ReportView, key: string) => {
    const s = r.sections.find((x) => x.key === key);
    if (s?.kind !== 'text') throw new Error(`${key} is not a text section`);
    return s;
  };

  it('proposes What Happened and Resolution whose every sentence cites an existing entry', async () => {
    const { core } = setup();
    const inc = await declare(core);
    addEntry(core, inc.id, { at: T0 + 10 * min, kind: 'finding', body: 'Node pool at max size' });
    addEntry(core, inc.id, { at: T0 + 20 * min, kind: 'decision', body: 'Raise the node pool limit to 10' });
    addEntry(core, inc.id, { at: T0 + 22 * min, kind: 'command', body: 'kubectl scale' });
    const r = await getReport(core, inc.id);
    const ids = new Set(
      core.db.prepare('SELECT id FROM timeline_entries WHERE incident_id = ?').pluck().all(inc.id) as string[],
    );
    for (const key of ['whatHappened', 'resolution']) {
      const proposal = text(r, key).proposal;
      expect(proposal, key).toBeTruthy();
      const sentences = proposal!
        .split('\n\n')
        .pop()!
        .split(/(?<=\])\s+(?=At )/);
      for (const s of sentences) {
        const cited = citedIds(s);
        expect(cited.length, s).toBeGreaterThan(0);
        for (const id of cited) expect(ids.has(id), `${s} cites ${id}`).toBe(true);
      }
    }
  });

  it('keeps an accepted proposal following the record until the writer changes it', async () => {
    const { core } = setup();
    const inc = await declare(core);
    addEntry(core, inc.id, { at: T0 + 10 * min, kind: 'finding', body: 'Node pool at max size' });
    const first = text(await getReport(core, inc.id), 'whatHappened').proposal!;
    let r = await updateReport(core, inc.id, { whatHappened: first });
    expect([text(r, 'whatHappened').body, text(r, 'whatHappened').following]).toEqual([first, true]);
    // The record grows: the untouched section grows with it.
    addEntry(core, inc.id, { at: T0 + 20 * min, kind: 'decision', body: 'Raise the limit' });
    r = await getReport(core, inc.id);
    expect(text(r, 'whatHappened').body).toContain('the team decided: Raise the limit.');
    expect(r.citations.map((c) => c.text)).toEqual(
      expect.arrayContaining(['Node pool at max size', 'Raise the limit']),
    );
    // The writer changes a word: the text is theirs from then on.
    const edited = `${text(r, 'whatHappened').body!} We also paged the cloud provider.`;
    r = await updateReport(core, inc.id, { whatHappened: edited });
    addEntry(core, inc.id, { at: T0 + 30 * min, kind: 'finding', body: 'Quota also reached' });
    r = await getReport(core, inc.id);
    expect([text(r, 'whatHappened').body, text(r, 'whatHappened').following]).toEqual([edited, false]);
  });

  const flagsAWrongTime =
    'flags a wrong time, an empty section, an unknown hub and a missing issue, clears each when fixed, and blocks ' +
    'Reviewed until then';
  it(flagsAWrongTime, async () => {
    const { core } = setup();
    const inc = await declare(core);
    addEntry(core, inc.id, { at: T0 + 10 * min, kind: 'finding', body: 'Node pool at max size' });
    addEntry(core, inc.id, { at: T0 + 20 * min, kind: 'decision', body: 'Raise the node pool limit' });
    await updateReport(core, inc.id, {
      impactEnd: '2026-11-26T12:40:00Z',
      overview: 'Users could not start servers on the uw-hub hub.',
      whatHappened: 'At 12:35 the pool filled up on the leap-east hub.',
      resolution: 'At 12:20 we raised the limit.',
      lucky: 'It was a quiet day.',
      wentWell: 'Paging worked.',
    });
    await must(core.invoke('report.addActionItem', { incidentId: inc.id, what: 'Alert on node pool size' }));
    const items = (await getReport(core, inc.id)).actionItems;

    const findings = async () => (await must<FactCheck>(core.invoke('report.check', { incidentId: inc.id }))).findings;
    expect((await findings()).map((f) => `${f.code}:${f.place.section}:${f.excerpt ?? ''}`)).toEqual([
      'empty_section:wentBadly:',
      'unmatched_time:whatHappened:12:35',
      'unknown_reference:whatHappened:leap-east hub',
      'missing_issue:actionItems:Alert on node pool size',
    ]);
    const refused = await core.invoke('report.setStatus', { incidentId: inc.id, status: 'reviewed' });
    expect(!refused.ok && refused.error.code).toBe('precondition_failed');
    expect(!refused.ok && (refused.error.details as { findings: unknown[] }).findings).toHaveLength(4);
    expect((await getReport(core, inc.id)).header.status).toBe('draft');

    await updateReport(core, inc.id, { wentBadly: 'The alert came late.' });
    expect((await findings()).map((f) => f.code)).toEqual(['unmatched_time', 'unknown_reference', 'missing_issue']);
    await updateReport(core, inc.id, { whatHappened: 'At 12:10 the pool filled up on the leap-east hub.' });
    expect((await findings()).map((f) => f.code)).toEqual(['unknown_reference', 'missing_issue']);
    await updateReport(core, inc.id, { whatHappened: 'At 12:10 the pool filled up on the uw-hub hub.' });
    expect((await findings()).map((f) => f.code)).toEqual(['missing_issue']);
    await must(
      core.invoke('report.updateActionItem', {
        incidentId: inc.id,
        itemId: items[0]!.id,
        patch: { issueUrl: 'https://github.com/2i2c-org/infrastructure/issues/9' },
      }),
    );
    expect(await findings()).toEqual([]);
    const reviewed = await must<StatusChange>(
      core.invoke('report.setStatus', { incidentId: inc.id, status: 'reviewed' }),
    );
    expect(reviewed.report.header.status).toBe('reviewed');
  });

  const letsTheCommanderOverride =
    'lets the commander override open findings with a reason, recorded on the timeline (not in the report)';
  it(letsTheCommanderOverride, async () => {
    const { core } = setup();
    const inc = await declare(core);
    const appended: TimelineEntry[] = [];
    core.bus.subscribe((name, payload) => name === 'timeline.appended' && appended.push(payload as TimelineEntry));
    const empty = await core.invoke('report.setStatus', {
      incidentId: inc.id,
      status: 'reviewed',
      override: { reason: '   ' },
    });
    expect(!empty.ok && empty.error.code).toBe('invalid_input');
    const done = await must<StatusChange>(
      core.invoke('report.setStatus', {
        incidentId: inc.id,
        status: 'reviewed',
        override: { reason: 'Reviewed in the team call' },
      }),
    );
    expect(done.report.header.status).toBe('reviewed');
    const row = core.db
      .prepare(
        "SELECT body, in_report FROM timeline_entries WHERE incident_id = ? AND kind = 'report_check_overridden'",
      )
      .get(inc.id) as { body: string; in_report: number };
    expect(row.body).toMatch(
      /^Report marked Reviewed with \d+ open fact-check findings overridden\. Reason: Reviewed in the team call$/,
    );
    expect(row.in_report).toBe(0);
    expect(appended.map((e) => e.kind)).toEqual(['report_check_overridden']);
    expect(done.report.timeline.map((l) => l.text)).not.toContain(row.body);
  });

  it('exports citations as Markdown footnotes and an HTML Sources list', async () => {
    const { core } = setup();
    const inc = await declare(core);
    addEntry(core, inc.id, { at: T0 + 10 * min, kind: 'finding', body: 'Node pool at max size' });
    addEntry(core, inc.id, { at: T0 + 20 * min, kind: 'decision', body: 'Raise the limit' });
    const proposal = text(await getReport(core, inc.id), 'resolution').proposal!;
    const r = await updateReport(core, inc.id, { resolution: proposal });
    const md = reportMarkdown(r);
    expect(md).toContain('At 12:20, the team decided: Raise the limit. [^1]');
    expect(md).toContain('[^1]: 2026-11-26 12:20 (UTC) — Raise the limit');
    expect(md).not.toMatch(/\[\^e:|conn:proposed/);
    const html = reportHtml(r);
    expect(html).toContain('<a href="#source-1">[1]</a>');
    expect(html).toMatch(
      new RegExp(
        '<section id="sources"><h2>Sources</h2>.*<li id="source-1"><span class="time">2026-11-26 12:20</span> Raise ' +
          'the limit</li>',
        's',
      ),
    );
    expect(html).not.toContain('[^e:');
  });
});
