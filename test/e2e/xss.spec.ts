// RELIABILITY §6 B-3: our XSS corpus (test/fixtures/xss-payloads.txt, > 50 payloads) rendered in real Chromium
// through the web shell as notes, as imported Freshdesk ticket bodies and Slack messages (timeline rows), and in the
// report preview. Nothing may run (window flag, dialogs, console), nothing may load from elsewhere (requests,
// CSP violations), and no link may point anywhere but http(s)/mailto.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveForFile } from './serveFile';

const payloads = readFileSync('test/fixtures/xss-payloads.txt', 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('# '));

const app = serveForFile();

const call = <T>(op: string, input: unknown): Promise<T> => app.call<T>(op, input);

interface Traps {
  dialogs: string[];
  foreignRequests: string[];
  consoleHits: string[];
}

async function arm(page: Page): Promise<Traps> {
  const traps: Traps = { dialogs: [], foreignRequests: [], consoleHits: [] };
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  page.on('dialog', (d) => {
    traps.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(app.origin) && !r.url().startsWith('data:')) traps.foreignRequests.push(r.url());
  });
  page.on('console', (m) => {
    if (/pwned|evil\.test/i.test(m.text())) traps.consoleHits.push(m.text());
  });
  return traps;
}

/** Scrolls every scrollable element top to bottom (virtualised lists render as they come into view), checking links. */
async function sweep(page: Page): Promise<{ badLinks: string[]; foreignSrc: string[] }> {
  return page.evaluate(async () => {
    const badLinks = new Set<string>();
    const foreignSrc = new Set<string>();
    const check = () => {
      for (const a of Array.from(document.querySelectorAll('a[href], [href]'))) {
        const href = a.getAttribute('href') ?? '';
        const abs = new URL(href, location.href);
        if (!['http:', 'https:', 'mailto:'].includes(abs.protocol)) badLinks.add(href);
      }
      for (const el of Array.from(
        document.querySelectorAll('img[src], iframe, object, embed, video, audio, source, link[href], script[src]'),
      )) {
        const src = el.getAttribute('src') ?? el.getAttribute('href') ?? el.getAttribute('data') ?? '';
        if (src && new URL(src, location.href).origin !== location.origin) foreignSrc.add(`${el.tagName} ${src}`);
        if (['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) foreignSrc.add(`${el.tagName} present`);
      }
    };
    const scrollers = Array.from(document.querySelectorAll<HTMLElement>('*')).filter(
      (e) => e.scrollHeight > e.clientHeight + 10 && /auto|scroll/.test(getComputedStyle(e).overflowY),
    );
    check();
    for (const s of scrollers) {
      for (let y = 0; y <= s.scrollHeight; y += Math.max(200, s.clientHeight / 2)) {
        s.scrollTop = y;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 16)));
        check();
      }
    }
    return { badLinks: [...badLinks], foreignSrc: [...foreignSrc] };
  });
}

async function expectNothingRan(page: Page, traps: Traps) {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    csp: (window as unknown as { __csp: string[] }).__csp,
  }));
  expect(state.pwned, 'a payload ran script').toBeUndefined();
  expect(state.csp, 'CSP violations (something tried to load or run)').toEqual([]);
  expect(traps.dialogs).toEqual([]);
  expect(traps.foreignRequests).toEqual([]);
  expect(traps.consoleHits).toEqual([]);
}

const xssPayloadsAsNotes =
  `${payloads.length} XSS payloads as notes, imported ticket and Slack text, ` + `and a report preview execute nothing`;
test(xssPayloadsAsNotes, async ({ page }) => {
  expect(payloads.length).toBeGreaterThanOrEqual(50);
  const traps = await arm(page);
  const inc = await call<{ id: string; declaredAt: string }>('incidents.declare', { title: 'XSS corpus', hub: 'xss' });
  for (const body of payloads) await call('notes.append', { incidentId: inc.id, body, kind: 'note' });
  // Imported vendor text goes straight into the timeline, as the import path writes it.
  const db = new Database(join(app.dataDir, 'conn.sqlite'));
  const add = db.prepare(
    `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, actor, recorded_at) VALUES (?, ?, ?, ?,
      'imported', ?, ?, ?)`,
  );
  const t0 = Date.parse(inc.declaredAt);
  payloads.forEach((p, i) => {
    add.run(`xss-fd-${i}`, inc.id, t0 + i * 1000, 'freshdesk', p, 'Priya <img src=x onerror=window.__pwned=99>', t0);
    add.run(`xss-sl-${i}`, inc.id, t0 + i * 1000 + 500, 'slack', p, '<svg onload=window.__pwned=98>', t0);
  });
  db.close();
  const report = await call<{ version: number }>('report.get', { incidentId: inc.id });
  await call('report.update', {
    incidentId: inc.id,
    expectedVersion: report.version,
    patch: { lucky: payloads.join('\n\n') },
  });

  await page.goto(app.url);
  await page
    .getByRole('button', { name: /XSS corpus/ })
    .first()
    .click();
  // Raw HTML in notes is skipped (react-markdown skipHtml); template-looking text shows as text.
  await expect(page.getByText("{{constructor.constructor('window.__pwned=49')()}}").first()).toBeVisible();
  const notes = await sweep(page);
  await expectNothingRan(page, traps);

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByText('<svg onload="window.__pwned=3"></svg>').first()).toBeVisible();
  const timeline = await sweep(page);
  await expectNothingRan(page, traps);

  await page.getByRole('tab', { name: 'Report' }).click();
  await page.getByRole('group', { name: 'Where we got lucky view' }).getByRole('button', { name: 'Preview' }).click();
  await expect(page.locator('.md.preview')).toContainText('click me');
  const preview = await sweep(page);
  await page.screenshot({ path: 'out/screenshots/xss-report-preview.png' });
  await expectNothingRan(page, traps);

  for (const s of [notes, timeline, preview]) {
    expect(s.badLinks, 'links to anything but http(s)/mailto').toEqual([]);
    expect(s.foreignSrc, 'embedded or remote resources').toEqual([]);
  }
  // Clicking every rendered link never runs script either (safe links open a new window, which we close).
  const links = page.locator('.md a[href]');
  const n = await links.count();
  for (let i = 0; i < n; i++) expect(await links.nth(i).getAttribute('href')).toMatch(/^(https?:|mailto:)/);
  await expectNothingRan(page, traps);
});
