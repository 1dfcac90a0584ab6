// Issue 15: the web shell's access token is never an ambient credential. It arrives in the URL fragment, stays in
// the tab (sessionStorage) and travels only as an Authorization header, so a page on another loopback port, which
// shares cookies with Conn's port (browsers ignore ports for cookies), receives nothing of it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { serveForFile } from './serveFile';

const app = serveForFile();

let other: Server;
let otherOrigin = '';
const seen: IncomingHttpHeaders[] = [];

test.beforeAll(async () => {
  // Stands in for any other local server the commander's browser visits (a dev server, a malicious tool).
  other = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Other local app</title><p>hello');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => other.close(resolve));
});

test('the fragment token opens Conn, leaves the address bar, survives a reload and carries live events', async ({
  page,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await expect(page).toHaveURL(`${app.origin}/`);
  // Events arrive over the header-authenticated stream: a declare from elsewhere shows without a reload.
  await app.call('incidents.declare', { title: 'Declared from curl while the tab is open' });
  await expect(page.getByRole('list', { name: 'Incidents' })).toContainText('Declared from curl while the tab is open');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Incidents' })).toContainText('Declared from curl while the tab is open');
});

test('a page on another loopback port receives no Conn credential: no cookie, no header, no storage', async ({
  page,
  context,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await app.call('incidents.declare', { title: 'Something to read' });
  await expect(page.getByRole('list', { name: 'Incidents' })).toContainText('Something to read');

  seen.length = 0;
  const visitor = await context.newPage();
  await visitor.goto(`${otherOrigin}/`);
  await expect(visitor.getByText('hello')).toBeVisible();
  await visitor.evaluate(() => fetch('/probe', { credentials: 'include' }));

  expect(seen.length).toBeGreaterThanOrEqual(2);
  for (const headers of seen) {
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(app.token);
  }
  expect(await context.cookies()).toEqual([]);
  const visible = await visitor.evaluate(() =>
    JSON.stringify({ cookie: document.cookie, local: { ...localStorage }, session: { ...sessionStorage } }),
  );
  expect(visible).not.toContain(app.token);
  expect(JSON.parse(visible)).toEqual({ cookie: '', local: {}, session: {} });
});

test('an old ?token= link opens a page that explains the new link and sets nothing', async ({ page, context }) => {
  const res = await page.goto(`${app.origin}/?token=${app.token}`);
  expect(res?.status()).toBe(400);
  await expect(page.getByRole('heading', { name: /old format/ })).toBeVisible();
  await expect(page.getByText(/#token=/).first()).toBeVisible();
  expect(await context.cookies()).toEqual([]);
  // And nothing was let in: the app page without a token cannot read anything.
  await page.goto(`${app.origin}/`);
  const answer = await page.evaluate(() =>
    fetch('/api/incidents.list', { method: 'POST', body: '{}', credentials: 'include' }).then((r) => r.status),
  );
  expect(answer).toBe(401);
});
