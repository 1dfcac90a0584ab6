import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_TIMELINE_PAGE, type ExportResult, type ReportTimelinePage } from '../../src/shared/report';
import { addEntry, declare, getReport, must, reportCore } from '../helpers/report';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('the report timeline, paged', () => {
  const open: Array<{ cleanup(): void }> = [];
  afterEach(() => open.splice(0).forEach((c) => c.cleanup()));

  it('report.get carries the first page and the count; report.timeline pages the rest; exports carry all', async () => {
    const t = reportCore();
    open.push(t);
    const { core } = t;
    const inc = await declare(core);
    const n = REPORT_TIMELINE_PAGE + 130;
    for (let i = 0; i < n; i++) addEntry(core, inc.id, { at: T0 + (i + 1) * 1000, kind: 'finding', body: `line ${i}` });
    addEntry(core, inc.id, { at: T0 + 500, kind: 'finding', body: 'left out', inReport: false });

    const view = await getReport(core, inc.id);
    const total = n + 1; // and the declaration's own entry
    expect(view.timelineTotal).toBe(total);
    expect(view.timeline).toHaveLength(REPORT_TIMELINE_PAGE);
    expect(view.timelineHasAfter).toBe(true);
    expect(view.timeline.map((l) => l.text)).not.toContain('left out');

    const seen = view.timeline.map((l) => l.entryId);
    let last = view.timeline[view.timeline.length - 1]!.cursor;
    for (;;) {
      const page = await must<ReportTimelinePage>(
        core.invoke('report.timeline', { incidentId: inc.id, after: last, limit: 50 }),
      );
      seen.push(...page.items.map((l) => l.entryId));
      if (!page.hasAfter) break;
      last = page.items[page.items.length - 1]!.cursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    const back = await must<ReportTimelinePage>(
      core.invoke('report.timeline', { incidentId: inc.id, before: view.timeline[10]!.cursor, limit: 50 }),
    );
    expect(back.items.map((l) => l.entryId)).toEqual(seen.slice(0, 10));
    expect(back.hasBefore).toBe(false);

    const bad = await core.invoke('report.timeline', { incidentId: inc.id, after: 'nonsense' });
    expect(bad.ok).toBe(false);

    const md = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'markdown' }));
    const text = readFileSync(md.path!, 'utf8');
    expect(text).toContain(`line ${n - 1}`);
    expect(text).toContain('line 0');
    expect(text).not.toContain('left out');
  });
});
