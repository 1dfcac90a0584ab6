import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeAtomically, type FsOps } from '../../src/main/core/report/write';
import type { ExportResult } from '../../src/shared/report';
import { chromiumPath, chromiumPdfPrinter } from '../helpers/pdfPrinter';
import { addEntry, declare, getReport, must, reportCore, updateReport } from '../helpers/report';
import { tempDir } from '../helpers/tempDir';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const min = 60_000;

async function fullReport(core: ReturnType<typeof reportCore>['core']) {
  const inc = await declare(core, 'Users cannot start servers <on> "staging" & prod', 'uw-hub');
  addEntry(core, inc.id, {
    at: T0 + 3 * min,
    kind: 'finding',
    body: 'Hub logs show <b>quota</b> errors\nkubectl output...',
  });
  addEntry(core, inc.id, {
    at: T0 + 13 * 60 * min,
    kind: 'decision',
    body: 'x',
    summary: 'Raised the node pool limit',
  });
  await updateReport(core, inc.id, {
    owner: 'Incident Commander',
    impactEnd: '2026-11-27T02:30:00Z',
    overview: 'Users of **uw-hub** could not start servers. <script>alert("x")</script>',
    whatHappened: '- Node pool reached its maximum\n- [evil](javascript:alert(1)) link',
    resolution: 'Raised the limit to 10 nodes.',
  });
  await must(
    core.invoke('report.addActionItem', {
      incidentId: inc.id,
      what: 'Alert at 80% of the node pool <limit>',
      doneWhen: 'An alert fires in #alerts',
      owner: 'SRE',
      issueUrl: 'https://github.com/2i2c-org/infrastructure/issues/4567',
    }),
  );
  return inc;
}

describe('report export', () => {
  const open: Array<{ cleanup(): void }> = [];
  afterEach(() => open.splice(0).forEach((c) => c.cleanup()));
  const setup = (opts: Parameters<typeof reportCore>[0] = {}) => {
    const t = reportCore(opts);
    open.push(t);
    return t;
  };

  it('writes Markdown named YYYY-MM-DD-<hub>-<slug>.md with front matter and every section', async () => {
    const { core, dataDir } = setup();
    const inc = await fullReport(core);
    const res = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'markdown' }));
    expect(res.path).toBe(join(dataDir, 'reports', '2026-11-26-uw-hub-users-cannot-start-servers-on-staging-prod.md'));
    const md = readFileSync(res.path!, 'utf8');
    expect(
      md.startsWith(
        '---\ntitle: "Users cannot start servers <on> \\"staging\\" & prod"\nstatus: "Draft"\nowner: "Incident ' +
          'Commander"\n',
      ),
    ).toBe(true);
    expect(md).toContain(
      'impact_start: "2026-11-26 12:00"\nimpact_end: "2026-11-27 02:30"\nduration: "14 hours 30 minutes"\ntimezone: ' +
        '"UTC"\n---',
    );
    const headings = md.match(/^## .+$/gm);
    expect(headings).toEqual([
      '## Overview',
      '## What Happened',
      '## Resolution',
      '## Where we got lucky',
      '## What Went Well?',
      "## What Didn't Go So Well?",
      '## Action Items',
      '## Timeline',
    ]);
    expect(md).toContain('_Nothing has been written here yet._');
    expect(md).toContain('1. **Alert at 80% of the node pool <limit>**\n   - Done when: An alert fires in #alerts');
    expect(md).toContain('### Thursday, 26 November 2026\n\n- **12:00** Incident declared');
    expect(md).toContain('### Friday, 27 November 2026\n\n- **01:00** Raised the node pool limit');
    expect(res.bytes).toBe(Buffer.byteLength(md));
    expect(readdirSync(join(dataDir, 'reports')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes standalone HTML with every value escaped and no script or unsafe link', async () => {
    const { core } = setup();
    const inc = await fullReport(core);
    const res = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'html' }));
    const html = readFileSync(res.path!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<h1>Users cannot start servers &lt;on&gt; &quot;staging&quot; &amp; prod</h1>');
    expect(html).toContain('Hub logs show &lt;b&gt;quota&lt;/b&gt; errors');
    expect(html).toContain('<strong>uw-hub</strong>');
    expect(html).toContain(
      '<a href="https://github.com/2i2c-org/infrastructure/issues/4567">2i2c-org/infrastructure#4567</a>',
    );
    expect(html).toContain("default-src 'none'");
  });

  it('says the timeline is empty when no entries are marked for the report', async () => {
    const { core } = setup();
    const inc = await declare(core, 'Quiet one');
    core.db.prepare('UPDATE timeline_events SET in_report = 0 WHERE incident_id = ?').run(inc.id);
    core.db.prepare('UPDATE notes SET in_report = 0 WHERE incident_id = ?').run(inc.id);
    const md = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'markdown' }));
    expect(readFileSync(md.path!, 'utf8')).toMatch(
      /## Timeline\n\n_No timeline entries have been marked for this report._/,
    );
    const html = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'html' }));
    expect(readFileSync(html.path!, 'utf8')).toContain(
      '<h2>Timeline</h2><p class="empty">No timeline entries have been marked for this report.</p>',
    );
  });

  const withoutAPrinterThe =
    'without a printer (the web shell), PDF export draws a real PDF: sections, header, times, action items, links';
  it(withoutAPrinterThe, async () => {
    const { core } = setup();
    const inc = await fullReport(core);
    await updateReport(core, inc.id, {
      lucky: 'Found by [the runbook](https://example.org/runbooks/quota) and https://example.org/bare in time.',
      wentBadly: '1. First\n2. Second with `code`\n\n> quoted ünïcödé Łódź Дмитрий Ελένη 日本 text',
    });
    const res = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'pdf' }));
    expect(res.path!.endsWith('2026-11-26-uw-hub-users-cannot-start-servers-on-staging-prod.pdf')).toBe(true);
    expect(res.fileName).toBe('2026-11-26-uw-hub-users-cannot-start-servers-on-staging-prod.pdf');
    expect(res.message).toBe(`Saved ${res.fileName} in Conn’s reports folder; your browser downloads it.`);
    const bytes = readFileSync(res.path!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.bytes).toBe(bytes.length);
    if (process.env.CONN_KEEP_PDF) writeFileSync(process.env.CONN_KEEP_PDF, bytes);
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const raw = (await parser.getText()).text;
    const links = await parser.getInfo({ parsePageInfo: true });
    await parser.destroy();
    const text = raw.replace(/\s+/g, ' ');
    for (const expected of [
      'INCIDENT REPORT',
      'Users cannot start servers <on> "staging" & prod',
      'OWNER OF THE REVIEW',
      'Incident Commander',
      'IMPACT START 2026-11-26 12:00',
      'IMPACT END 2026-11-27 02:30',
      '14 hours 30 minutes',
      'All times are given in UTC',
      'Users of uw-hub could not start servers. <script>alert("x")</script>',
      'Node pool reached its maximum',
      'Raised the limit to 10 nodes.',
      'Found by the runbook [1]',
      '[1] https://example.org/runbooks/quota',
      '1. First',
      'Second with code',
      // Embedded DejaVu prints Latin, Cyrillic and Greek as written; it has no CJK glyphs, which show as '?'.
      'quoted ünïcödé Łódź Дмитрий Ελένη ?? text',
      'Alert at 80% of the node pool <limit>',
      'Done when: An alert fires in #alerts',
      'SRE',
      '2i2c-org/infrastructure#4567',
      'Thursday, 26 November 2026',
      '12:00 Incident declared',
      'Friday, 27 November 2026',
      '01:00 Raised the node pool limit',
      'Nothing has been written here yet.',
      'Page 1 of',
    ]) {
      expect(text).toContain(expected);
    }
    // Sections in the report's order, each once as a heading.
    const order = [
      'Overview',
      'What Happened',
      'Resolution',
      'Where we got lucky',
      'What Went Well?',
      "What Didn't Go So Well?",
      'Action Items',
      'Timeline',
    ];
    const at = order.map((h) => raw.split('\n').findIndex((l) => l.trim() === h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The unsafe link is not a link; the action item's issue and the runbook link are clickable.
    const uris = JSON.stringify(links.pages ?? links);
    expect(uris).toContain('https://github.com/2i2c-org/infrastructure/issues/4567');
    expect(uris).toContain('https://example.org/runbooks/quota');
    expect(uris).not.toContain('javascript:');
  });

  it('explains a folder that is not writable and leaves the draft intact', async () => {
    const dir = tempDir();
    open.push(dir);
    let chosen = '';
    const { core } = setup({ chooseExportFile: async () => chosen });
    const inc = await fullReport(core);
    const before = await getReport(core, inc.id);
    const blocker = join(dir.path, 'a-file');
    writeFileSync(blocker, 'x');
    chosen = join(blocker, 'reports', 'r.md');
    const r = await core.invoke('report.export', { incidentId: inc.id, format: 'markdown' });
    expect(!r.ok && r.error.message).toMatch(/is a file, not a folder.*draft is unchanged/);
    if (process.getuid?.() !== 0) {
      writeFileSync(join(dir.path, 'placeholder'), '');
      chmodSync(dir.path, 0o555);
      chosen = join(dir.path, 'read-only', 'r.md');
      const denied = await core.invoke('report.export', { incidentId: inc.id, format: 'markdown' });
      chmodSync(dir.path, 0o755);
      expect(!denied.ok && denied.error.code).toBe('forbidden');
    } else {
      console.log(
        'root ignores folder permissions here: the permission-denied case is covered with a failing fs below',
      );
    }
    expect(await getReport(core, inc.id)).toEqual(before);
  });

  const webShellWritesOnly =
    'web shell: writes only into reports/ under a sanitised name, answers a download, never replaces unasked';
  it(webShellWritesOnly, async () => {
    const { core, dataDir } = setup();
    const inc = await fullReport(core);
    const outside = tempDir();
    open.push(outside);
    const victim = join(outside.path, 'victim.md');
    writeFileSync(victim, 'keep me');
    const names = [victim, `../../${outside.path}/victim.md`, '..\\..\\victim', '.hidden', 'a/b/c', 'con:aux|<>?*'];
    for (const fileName of names) {
      const r = await core.invoke('report.export', {
        incidentId: inc.id,
        format: 'markdown',
        fileName,
        overwrite: true,
      });
      expect(r.ok, fileName).toBe(true);
      if (!r.ok) continue;
      const res = r.value as ExportResult;
      expect(res.path!.startsWith(join(dataDir, 'reports') + '/'), res.path!).toBe(true);
      expect(res.path!.slice(join(dataDir, 'reports').length + 1), fileName).toMatch(/^[^/\\.][^/\\]*\.md$/);
      expect(res.download).toBe(`/api/reports/${encodeURIComponent(res.path!.split('/').pop()!)}`);
    }
    expect(readFileSync(victim, 'utf8')).toBe('keep me');

    const first = await must<ExportResult>(
      core.invoke('report.export', { incidentId: inc.id, format: 'markdown', fileName: 'mine' }),
    );
    writeFileSync(first.path!, 'edited by hand');
    const again = await core.invoke('report.export', { incidentId: inc.id, format: 'markdown', fileName: 'mine' });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error).toMatchObject({
      code: 'conflict',
      message: /mine\.md already exists\. Nothing was written/,
    });
    expect(readFileSync(first.path!, 'utf8')).toBe('edited by hand');
    expect(readdirSync(join(dataDir, 'reports')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const replaced = await must<ExportResult>(
      core.invoke('report.export', { incidentId: inc.id, format: 'markdown', fileName: 'mine', overwrite: true }),
    );
    expect(readFileSync(replaced.path!, 'utf8')).toMatch(/^---\ntitle:/);
    const old = await core.invoke('report.export', { incidentId: inc.id, format: 'markdown', path: victim });
    expect(!old.ok && old.error.code).toBe('invalid_input');
  });

  it('desktop: writes exactly where the save dialog chose, and nothing when it is cancelled', async () => {
    const dir = tempDir();
    open.push(dir);
    const asked: Array<{ defaultName: string; extension: string }> = [];
    let answer: string | null = join(dir.path, 'chosen name.md');
    const { core, dataDir } = setup({ chooseExportFile: async (s) => (asked.push(s), answer) });
    const inc = await fullReport(core);
    const res = await must<ExportResult>(
      core.invoke('report.export', { incidentId: inc.id, format: 'markdown', fileName: '../x' }),
    );
    expect(asked).toEqual([{ defaultName: 'x.md', extension: 'md' }]);
    expect(res).toMatchObject({ path: join(dir.path, 'chosen name.md'), download: null });
    expect(readFileSync(join(dir.path, 'chosen name.md'), 'utf8')).toMatch(/^---\ntitle:/);
    expect(existsSync(join(dataDir, 'reports'))).toBe(false);
    answer = null;
    const cancelled = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'html' }));
    expect(cancelled).toMatchObject({ path: null, bytes: 0, message: /cancelled/ });
    expect(readdirSync(dir.path)).toEqual(['chosen name.md']);
  });

  it('desktop: Show in folder reveals only a file this run exported; the web shell has no folder to show', async () => {
    const dir = tempDir();
    open.push(dir);
    const revealed: string[] = [];
    const { core } = setup({
      chooseExportFile: async () => join(dir.path, 'r.pdf'),
      revealFile: (p) => revealed.push(p),
    });
    const inc = await fullReport(core);
    const res = await must<ExportResult>(core.invoke('report.export', { incidentId: inc.id, format: 'markdown' }));
    expect(res.fileName).toBe('r.pdf');
    expect(await must(core.invoke('report.showExport', { path: res.path! }))).toEqual({ shown: true });
    expect(revealed).toEqual([join(dir.path, 'r.pdf')]);
    const other = await core.invoke('report.showExport', { path: '/etc/passwd' });
    expect(other.ok ? null : other.error.code).toBe('forbidden');
    expect(revealed).toHaveLength(1);

    const web = setup();
    const webInc = await fullReport(web.core);
    const webRes = await must<ExportResult>(
      web.core.invoke('report.export', { incidentId: webInc.id, format: 'markdown' }),
    );
    const refused = await web.core.invoke('report.showExport', { path: webRes.path! });
    expect(refused.ok ? null : refused.error.code).toBe('precondition_failed');
  });

  it('maps a full disk and a denied folder to clear errors and removes the temp file', () => {
    const dir = tempDir();
    open.push(dir);
    const failingWrite = (code: string): FsOps => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const real = require('node:fs') as FsOps;
      return {
        ...real,
        writeSync: () => {
          throw Object.assign(new Error(code), { code });
        },
      };
    };
    const target = join(dir.path, 'r.md');
    expect(() => writeAtomically(target, 'x', failingWrite('ENOSPC'))).toThrow(
      /disk holding .* is full.*draft is unchanged/,
    );
    expect(() => writeAtomically(target, 'x', failingWrite('EACCES'))).toThrow(/not writable/);
    expect(readdirSync(dir.path)).toEqual([]);
    expect(existsSync(target)).toBe(false);
  });
});

describe('PDF export through a real printer', () => {
  const executable = chromiumPath();
  let printer: Awaited<ReturnType<typeof chromiumPdfPrinter>> | undefined;
  beforeAll(async () => {
    if (executable) printer = await chromiumPdfPrinter();
    else console.log('skipping the PDF test: no Chromium at CONN_CHROMIUM or /usr/bin/chromium');
  });
  afterAll(async () => printer?.close());

  it('prints the report to a PDF whose text reads as the report', async (ctx) => {
    if (!printer) return ctx.skip();
    const t = reportCore({ pdfPrinter: printer.print });
    try {
      const inc = await fullReport(t.core);
      const res = await must<ExportResult>(t.core.invoke('report.export', { incidentId: inc.id, format: 'pdf' }));
      expect(res.printed).toBe(true);
      expect(res.path!.endsWith('2026-11-26-uw-hub-users-cannot-start-servers-on-staging-prod.pdf')).toBe(true);
      const bytes = readFileSync(res.path!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      if (process.env.CONN_KEEP_PDF) writeFileSync(process.env.CONN_KEEP_PDF, bytes);
      const parser = new PDFParse({ data: new Uint8Array(bytes) });
      // Labels are set in small capitals by CSS, so compare without case.
      const text = (await parser.getText()).text.replace(/\s+/g, ' ').toLowerCase();
      await parser.destroy();
      for (const expected of [
        'Users cannot start servers <on> "staging" & prod',
        'Owner of the review Incident Commander',
        '14 hours 30 minutes',
        'All times are given in UTC',
        'Overview',
        'What Happened',
        'Where we got lucky',
        "What Didn't Go So Well?",
        'Alert at 80% of the node pool <limit>',
        '2i2c-org/infrastructure#4567',
        'Raised the node pool limit',
      ]) {
        expect(text).toContain(expected.toLowerCase());
      }
      expect(text.indexOf('overview')).toBeLessThan(text.indexOf('action items'));
      expect(text.indexOf('action items')).toBeLessThan(text.lastIndexOf('timeline'));
      expect(text).toContain('incident report');
    } finally {
      t.cleanup();
    }
  });
});
