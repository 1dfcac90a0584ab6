import { mkdirSync, writeFileSync } from 'node:fs';
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
    body: typeof body === 'string' ? body : JSON.stringify(body),
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
    const page = await rawRequest(shell.port, { path: '/', headers: { host: `127.0.0.1:${shell.port}` } });
    expect(page.status).toBe(401);
  });

  it('swaps ?token= on the first page load for an HttpOnly SameSite=Strict cookie that then works', async () => {
    const first = await rawRequest(shell.port, {
      path: `/?token=${shell.token}`,
      headers: { host: `127.0.0.1:${shell.port}` },
    });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const value = cookie.split(';')[0]!;
    const page = await rawRequest(shell.port, { path: '/', headers: { host: `127.0.0.1:${shell.port}`, cookie: value } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const wrong = await rawRequest(shell.port, { path: '/?token=bad', headers: { host: `127.0.0.1:${shell.port}` } });
    expect(wrong.status).toBe(401);
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
