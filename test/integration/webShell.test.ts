import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startWebShell, type WebShell } from '../../src/main/web/server';
import { testCore } from '../helpers/core';
import { rawRequest } from '../helpers/http';
import { tempDir } from '../helpers/tempDir';

let shell: WebShell;
let t: ReturnType<typeof testCore>;
const renderer = tempDir('conn-renderer-');

const auth = () => ({ authorization: `Bearer ${shell.token}`, host: `127.0.0.1:${shell.port}` });
const post = (op: string, body: unknown, headers: Record<string, string> = auth()) =>
  rawRequest(shell.port, {
    method: 'POST',
    path: `/api/${op}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  mkdirSync(renderer.path, { recursive: true });
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Conn</title>');
  t = testCore();
  shell = await startWebShell({ core: t.core, rendererDir: renderer.path });
});
afterAll(async () => {
  await shell.close();
  t.cleanup();
  renderer.cleanup();
});

describe('the web shell API', () => {
  it('runs an operation with a bearer token', async () => {
    const res = await post('incidents.declare', { title: 'From curl' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(true);
    expect(body.value.title).toBe('From curl');
    expect(body.value.id).toMatch(/^[0-9a-z]+$/);
  });

  it('lists operations with their input as JSON Schema', async () => {
    const res = await rawRequest(shell.port, { path: '/api/operations', headers: auth() });
    const body = JSON.parse(res.body);
    const declare = body.value.find((o: { name: string }) => o.name === 'incidents.declare');
    expect(declare.input.properties.title.type).toBe('string');
    expect(declare.input.required).toEqual(['title']);
  });

  it('answers 401 with no token or a wrong token', async () => {
    const none = await post('incidents.list', {}, { host: `127.0.0.1:${shell.port}` });
    expect(none.status).toBe(401);
    const wrong = await post('incidents.list', {}, { host: `127.0.0.1:${shell.port}`, authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('prints a URL with the token in the fragment, which browsers never send to a server', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/#token=${shell.token}`);
  });

  it('serves the page itself without a credential and sets no cookie', async () => {
    const page = await rawRequest(shell.port, { path: '/', headers: { host: `127.0.0.1:${shell.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('accepts the token only as a bearer header: a cookie or a query token opens nothing', async () => {
    const host = `127.0.0.1:${shell.port}`;
    const cookie = await post('incidents.list', {}, { host, cookie: `conn_token=${shell.token}` });
    expect(cookie.status).toBe(401);
    const query = await rawRequest(shell.port, {
      method: 'POST',
      path: `/api/incidents.list?token=${shell.token}`,
      headers: { host },
    });
    expect(query.status).toBe(401);
    const events = await rawRequest(shell.port, {
      path: `/api/operations?token=${shell.token}`,
      headers: { host, cookie: `conn_token=${shell.token}` },
    });
    expect(events.status).toBe(401);
  });

  it('answers an old ?token= link with a page that explains the new link, without a cookie or the token', async () => {
    const old = await rawRequest(shell.port, {
      path: `/?token=${shell.token}`,
      headers: { host: `127.0.0.1:${shell.port}` },
    });
    expect(old.status).toBe(400);
    expect(old.headers['content-type']).toMatch(/text\/html/);
    expect(old.headers['set-cookie']).toBeUndefined();
    expect(old.body).toMatch(/#token=/);
    expect(old.body).not.toContain(shell.token);
  });

  it('answers 403 to a foreign Host header even with the right token (DNS rebinding)', async () => {
    const res = await post('incidents.list', {}, { ...auth(), host: `evil.example:${shell.port}` });
    expect(res.status).toBe(403);
    const otherPort = await post('incidents.list', {}, { ...auth(), host: `127.0.0.1:1` });
    expect(otherPort.status).toBe(403);
  });

  it('answers 403 to a foreign Origin even with the right token (CSRF)', async () => {
    const res = await post('incidents.declare', { title: 'csrf' }, { ...auth(), origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const own = await post('incidents.list', {}, { ...auth(), origin: `http://127.0.0.1:${shell.port}` });
    expect(own.status).toBe(200);
  });

  it('answers 413 to a body over 2 MiB and writes nothing', async () => {
    const before = t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get();
    const big = JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await post('incidents.declare', big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('too_large');
    expect(t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(before);
  });

  it('answers 400 to malformed JSON, 404 to an unknown operation, 400 with fields to bad input', async () => {
    const malformed = await post('incidents.declare', '{"title": ');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.message).toMatch(/Malformed JSON/);
    const unknown = await post('incidents.nope', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.message).toMatch(/Unknown operation: incidents.nope/);
    const bad = await post('incidents.declare', { title: 42 });
    expect(bad.status).toBe(400);
    const err = JSON.parse(bad.body).error;
    expect(err.code).toBe('invalid_input');
    expect(err.details.fields[0].path).toBe('title');
  });

  it('answers 400 invalid_input to a body that is not valid UTF-8 and saves nothing', async () => {
    const before = t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get();
    const head = Buffer.from('{"title":"caf');
    const body = Buffer.concat([head, Buffer.from([0xc3, 0x28]), Buffer.from('"}')]); // 0xC3 0x28: a broken pair
    const res = await post('incidents.declare', body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/UTF-8/),
    });
    expect(t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(before);
  });

  it('lists at most 20 issues, each short, however many the body has', async () => {
    const bad: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) bad[`key${i}`] = i;
    const many = await post('incidents.declare', { title: 42, ...bad });
    expect(many.status).toBe(400);
    expect(many.body.length).toBeLessThan(10_000);
    const arrays = await post('notes.append', {
      incidentId: 'x',
      body: 1,
      kind: 2,
      share: Array.from({ length: 50 }, () => 1),
    });
    expect(JSON.parse(arrays.body).error.details.fields.length).toBeLessThanOrEqual(20);
  });

  it('answers 409 precondition_failed, naming what to do first, to an action that needs a ticket', async () => {
    const declared = JSON.parse((await post('incidents.declare', { title: 'No ticket yet' })).body).value;
    const res = await post('checklist.runAction', { incidentId: declared.id, stepId: 'acknowledge' });
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body).error).toMatchObject({
      code: 'precondition_failed',
      message: expect.stringMatching(/First add/),
    });
  });

  it('exports a report only into reports/ and serves it back as a download to the bearer only', async () => {
    const declared = JSON.parse((await post('incidents.declare', { title: 'Export me' })).body).value;
    const res = await post('report.export', {
      incidentId: declared.id,
      format: 'markdown',
      fileName: '/etc/../../tmp/evil',
    });
    expect(res.status).toBe(200);
    const value = JSON.parse(res.body).value;
    expect(value.path.startsWith(join(t.dataDir, 'reports') + '/')).toBe(true);
    const host = `127.0.0.1:${shell.port}`;
    const download = await rawRequest(shell.port, { path: value.download, headers: auth() });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(download.body).toMatch(/^---\ntitle: "Export me"/);
    expect((await rawRequest(shell.port, { path: value.download, headers: { host } })).status).toBe(401);
    for (const sneaky of ['..%2Fconn.sqlite', '.%2E%2Fconn.sqlite', '%2Fetc%2Fpasswd', '%2E%2E%5Cconn.sqlite']) {
      const r = await rawRequest(shell.port, { path: `/api/reports/${sneaky}`, headers: auth() });
      expect(r.status, sneaky).toBe(404);
    }
    const again = await post('report.export', {
      incidentId: declared.id,
      format: 'markdown',
      fileName: '/etc/../../tmp/evil',
    });
    expect(again.status).toBe(409);
  });

  it('refuses path traversal out of the renderer folder', async () => {
    const res = await rawRequest(shell.port, { path: '/..%2f..%2f..%2fetc%2fpasswd', headers: auth() });
    expect(res.body).not.toMatch(/root:/);
  });

  it('streams events to subscribers', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const controller = new AbortController();
      fetch(`http://127.0.0.1:${shell.port}/api/events`, {
        headers: { authorization: `Bearer ${shell.token}` },
        signal: controller.signal,
      })
        .then(async (res) => {
          const reader = res.body!.getReader();
          let text = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            text += new TextDecoder().decode(value);
            if (text.includes('incidents.declared')) {
              controller.abort();
              resolve(text);
              return;
            }
          }
        })
        .catch((e: unknown) => {
          if ((e as Error).name !== 'AbortError') reject(e);
        });
    });
    await new Promise((r) => setTimeout(r, 100));
    await post('incidents.declare', { title: 'Streamed' });
    expect(await received).toMatch(/"title":"Streamed"/);
  });
});

describe('the web shell under slow or many connections', () => {
  let small: WebShell;
  beforeAll(async () => {
    small = await startWebShell({
      core: t.core,
      rendererDir: renderer.path,
      bodyDeadlineMs: 300,
      maxConnections: 2,
      maxEventStreams: 2,
    });
  });
  afterAll(async () => {
    await small.close();
  });

  /** A connection that sends headers and half a body, then waits; resolves with what the server answered. */
  const slowBody = () => {
    const socket = connect(small.port, '127.0.0.1');
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
    const opened = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/incidents.declare HTTP/1.1\r\nhost: 127.0.0.1:${small.port}\r\nauthorization: Bearer ` +
        `${small.token}\r\n` +
        'content-type: application/json\r\ncontent-length: 100\r\n\r\n{"title":',
    );
    return { socket, answer, opened };
  };

  /** A plain request on a new connection: its status, or the socket error's code when it is refused. */
  const thirdConnection = () =>
    rawRequest(small.port, { path: '/', headers: { host: `127.0.0.1:${small.port}` } }).then(
      (r) => r.status,
      (e: NodeJS.ErrnoException) => e.code,
    );

  it('cuts a body that does not arrive by its deadline with 408, and caps open connections', async () => {
    const a = slowBody();
    const b = slowBody();
    await Promise.all([a.opened, b.opened]);
    // Both slots are held: a third connection is closed without an answer.
    expect(await thirdConnection()).toBe('ECONNRESET');
    expect(await a.answer).toMatch(/^HTTP\/1\.1 408 [\s\S]*did not arrive within/);
    expect(await b.answer).toMatch(/^HTTP\/1\.1 408 /);
    // The slots are free again.
    const after = await rawRequest(small.port, { path: '/', headers: { host: `127.0.0.1:${small.port}` } });
    expect(after.status).toBe(200);
  });

  /** An event stream on its own connection; `text` grows with what the server sends. */
  const stream = () => {
    const socket = connect(small.port, '127.0.0.1');
    const got = { text: '' };
    const connected = new Promise<string>((resolve) => {
      socket.on('data', (c: Buffer) => {
        got.text += c.toString();
        if (got.text.includes(': connected') || got.text.includes('\r\n\r\n{')) resolve(got.text);
      });
      socket.on('close', () => resolve(got.text));
      socket.on('error', () => undefined);
    });
    socket.write(
      `GET /api/events HTTP/1.1\r\nhost: 127.0.0.1:${small.port}\r\nauthorization: Bearer ${small.token}\r\n\r\n`,
    );
    return { socket, connected, got };
  };

  it('drops an event stream that stops reading, instead of holding its events in memory', async () => {
    small.server.closeIdleConnections();
    const s = stream();
    expect(await s.connected).toMatch(/: connected/);
    s.socket.pause(); // a frozen tab: nothing more is read
    const open = () => new Promise<number>((r, j) => small.server.getConnections((e, c) => (e ? j(e) : r(c))));
    expect(await open()).toBe(1);
    const inc = await t.core.invoke('incidents.declare', { title: 'Backlog' });
    if (!inc.ok) throw new Error(inc.error.message);
    const incidentId = (inc.value as { id: string }).id;
    // Notes of 60 KB each, far past the socket buffers on both sides and then the 64 KiB backlog cap: the server
    // closes the stream's connection.
    const body = 'x'.repeat(60_000);
    let n = 0;
    for (; n < 1_000 && (await open()) > 0; n++) {
      const r = await t.core.invoke('notes.append', { incidentId, body: `${n} ${body}` });
      expect(r.ok).toBe(true);
    }
    expect(await open()).toBe(0);
    s.socket.destroy();
  });

  it('counts event streams apart from the request cap, under a cap of their own', async () => {
    small.server.closeIdleConnections(); // the last test's kept-alive connection
    // One at a time: a connection counts against the request cap until its request asks for a stream.
    const s1 = stream();
    expect(await s1.connected).toMatch(/^HTTP\/1\.1 200 [\s\S]*: connected/);
    const s2 = stream();
    expect(await s2.connected).toMatch(/: connected/);
    // Two open streams leave both request slots free: two held bodies, and a third connection is still refused.
    const a = slowBody();
    const b = slowBody();
    await Promise.all([a.opened, b.opened]);
    expect(await thirdConnection()).toBe('ECONNRESET');
    expect(await a.answer).toMatch(/^HTTP\/1\.1 408 /);
    await b.answer;
    // A third stream is refused with an answer, not held; the two streams still carry events.
    const s3 = stream();
    expect(await s3.connected).toMatch(/^HTTP\/1\.1 503 [\s\S]*event streams/);
    const declared = await rawRequest(small.port, {
      method: 'POST',
      path: '/api/incidents.declare',
      headers: {
        host: `127.0.0.1:${small.port}`,
        authorization: `Bearer ${small.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ title: 'Streams stay live' }),
    });
    expect(declared.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(s1.got.text).toContain('Streams stay live');
    expect(s2.got.text).toContain('Streams stay live');
    for (const s of [s1, s2]) s.socket.destroy();
    s3.socket.destroy();
  });
});
