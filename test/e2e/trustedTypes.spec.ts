// RELIABILITY §6 S-6 (Trusted Types half): the renderer runs under `require-trusted-types-for 'script';
// trusted-types 'none'` in Chromium. The app loads, notes of every kind render (markdown, links, code), and no CSP
// violation is reported; then a string written to innerHTML throws a TypeError and is reported, and no page script
// can create a Trusted Types policy to get around it.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../src/main/csp';
import { serveForFile } from './serveFile';

const app = serveForFile();

const call = <T>(op: string, input: unknown): Promise<T> => app.call<T>(op, input);

/** Records every CSP violation and CSP console message from the first byte of the page on. */
async function watchCsp(page: Page): Promise<{ console: string[] }> {
  const seen = { console: [] as string[] };
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(m.text())) seen.console.push(m.text());
  });
  return seen;
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

test('the app loads and renders notes under Trusted Types with no CSP violation', async ({ page }) => {
  const seen = await watchCsp(page);
  const inc = await call<{ id: string }>('incidents.declare', { title: 'Trusted Types check', hub: 'ocean-data' });
  const bodies: Array<[string, string]> = [
    [
      'note',
      'Users see **502** errors on `/login`, see [the issue](https://github.com/2i2c-org/infrastructure/issues/1)',
    ],
    ['finding', '- a list item\n- another with _emphasis_\n\n> a quote'],
    ['command', 'kubectl -n gw get pods\ngw-1    0/1     OOMKilled'],
    ['decision', 'Roll back to v1.41 <script>alert(1)</script> <img src=x onerror=alert(1)>'],
    // Character references: micromark's browser build decoded these through innerHTML (blocked by Trusted Types).
    ['note', 'AT&amp;T says &lt;b&gt; is fine &copy; &notin; &#x1F600; &#65;'],
  ];
  for (const [kind, body] of bodies) await call('notes.append', { incidentId: inc.id, kind, body });

  const res = await page.goto(app.url);
  expect(res!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(CONTENT_SECURITY_POLICY).toContain("require-trusted-types-for 'script'");
  expect(CONTENT_SECURITY_POLICY).toContain("trusted-types 'none'");
  // The <meta> fallback is the same policy (built from the same source), minus header-only directives.
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CONTENT_SECURITY_POLICY_META);

  await page.getByText('Trusted Types check').first().click();
  const feed = page.getByRole('feed');
  await expect(feed.locator('strong', { hasText: '502' })).toBeVisible();
  await expect(feed.locator('a[href="https://github.com/2i2c-org/infrastructure/issues/1"]')).toBeVisible();
  await expect(feed.locator('pre.note-command')).toHaveText('kubectl -n gw get pods\ngw-1    0/1     OOMKilled');
  await expect(feed.getByText('a list item')).toBeVisible();
  await expect(feed.getByText(/Roll back to v1\.41/)).toBeVisible();
  await expect(feed.getByText('AT&T says <b> is fine © ∉ 😀 A')).toBeVisible();
  // Type a note through the UI too (the composer, the store, the event round trip).
  const box = page.getByRole('textbox', { name: 'Note', exact: true });
  await box.click();
  await box.fill('Typed under Trusted Types with a [link](https://app.slack.com/client/T1/C1)');
  await page.keyboard.press('Enter');
  await expect(feed.getByText('Typed under Trusted Types with a')).toBeVisible();
  await page.screenshot({ path: 'out/screenshots/trusted-types-notes.png' });

  expect(await violations(page)).toEqual([]);
  expect(seen.console).toEqual([]);
});

test('a string written to an HTML sink throws and is reported; no policy can be created', async ({ page }) => {
  await watchCsp(page);
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: /Declare/ })).toBeVisible();
  const probe = await page.evaluate(() => {
    const attempt = (fn: () => void) => {
      try {
        fn();
        return 'allowed';
      } catch (e) {
        return (e as Error).name;
      }
    };
    const div = document.createElement('div');
    const s = document.createElement('script');
    return {
      innerHTML: attempt(() => (div.innerHTML = '<img src=x onerror=alert(1)>')),
      insertAdjacentHTML: attempt(() => div.insertAdjacentHTML('beforeend', '<b>x</b>')),
      scriptText: attempt(() => (s.textContent = 'alert(1)')),
      scriptSrc: attempt(() => (s.src = '/evil.js')),
      createPolicy: attempt(() =>
        (
          window as unknown as { trustedTypes: { createPolicy: (n: string, r: object) => unknown } }
        ).trustedTypes.createPolicy('bypass', { createHTML: (x: string) => x }),
      ),
      // Setting plain text stays allowed: that is what React does for every note.
      textContent: attempt(() => (div.textContent = '<b>x</b>')),
    };
  });
  expect(probe).toEqual({
    innerHTML: 'TypeError',
    insertAdjacentHTML: 'TypeError',
    scriptText: 'TypeError',
    scriptSrc: 'TypeError',
    createPolicy: 'TypeError',
    textContent: 'allowed',
  });
  // Each is reported once per policy enforcing it: the response header and the <meta> fallback.
  await expect
    .poll(async () => (await violations(page)).filter((v) => v.startsWith('require-trusted-types-for')).length)
    .toBe(4 * 2);
  await expect
    .poll(async () => (await violations(page)).filter((v) => v.startsWith('trusted-types')).length)
    .toBe(1 * 2);
});

test('index.html carries no hand-written policy: the build writes the one from csp.ts', () => {
  const source = readFileSync('src/renderer/index.html', 'utf8');
  expect(source).toContain('content="__CONN_CSP__"');
  expect(source).not.toMatch(/default-src/);
  expect(readFileSync('out/renderer/index.html', 'utf8')).toContain(`content="${CONTENT_SECURITY_POLICY_META}"`);
});
