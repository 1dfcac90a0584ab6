// Every operation, through the core and through the web shell, answers hostile input with a clean
// invalid_input (or 413/400 at the HTTP layer), writes nothing, and leaves Object.prototype alone.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../src/main/web/server';
import { operations } from '../../src/shared/contract';
import { testCore } from '../helpers/core';
import { rowCounts } from '../helpers/dbCounts';
import { hostilePayloads, protoSnapshot, randomHostileObject } from '../helpers/hostile';
import { rawRequest } from '../helpers/http';
import { tempDir } from '../helpers/tempDir';

const opNames = Object.keys(operations);
let t: ReturnType<typeof testCore>;
let shell: WebShell;
const renderer = tempDir('conn-fuzz-renderer-');

beforeAll(async () => {
  mkdirSync(renderer.path, { recursive: true });
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html>');
  t = testCore();
  // Some state to protect: an incident that must survive everything below.
  await t.core.invoke('incidents.declare', { title: 'Existing incident' });
  shell = await startWebShell({ core: t.core, rendererDir: renderer.path });
});
afterAll(async () => {
  await shell.close();
  t.cleanup();
  renderer.cleanup();
});

describe('fuzzing every operation through the core', () => {
  it.each(opNames)('%s rejects hostile payloads cleanly', async (op) => {
    const proto = protoSnapshot();
    const before = rowCounts(t.core.db);
    for (const p of hostilePayloads()) {
      const r = await t.core.invoke(op, JSON.parse(p.json));
      expect(r.ok, `${op} accepted ${p.name}`).toBe(false);
      if (!r.ok) expect(r.error.code, `${op} / ${p.name}: ${r.error.message}`).toBe('invalid_input');
    }
    expect(rowCounts(t.core.db)).toEqual(before);
    expect(protoSnapshot()).toBe(proto);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects random objects with unknown keys for every operation', async () => {
    const before = rowCounts(t.core.db);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...opNames), randomHostileObject, async (op, payload) => {
        const r = await t.core.invoke(op, payload);
        return !r.ok && r.error.code === 'invalid_input';
      }),
      { numRuns: 300 },
    );
    expect(rowCounts(t.core.db)).toEqual(before);
  });
});

describe('fuzzing every operation through the web shell', () => {
  const post = (op: string, body: string) =>
    rawRequest(shell.port, {
      method: 'POST',
      path: `/api/${op}`,
      headers: {
        host: `127.0.0.1:${shell.port}`,
        authorization: `Bearer ${shell.token}`,
        'content-type': 'application/json',
      },
      body,
    });

  it.each(opNames)('%s answers 400/413 with a clean error and writes nothing', async (op) => {
    const before = rowCounts(t.core.db);
    for (const p of hostilePayloads()) {
      const res = await post(op, p.json);
      const body = JSON.parse(res.body);
      expect(body.ok, `${op} accepted ${p.name}`).toBe(false);
      if (p.json.length > 2 * 1024 * 1024) {
        expect(res.status).toBe(413);
      } else {
        expect(res.status, `${op} / ${p.name}`).toBe(400);
        expect(body.error.code).toBe('invalid_input');
      }
    }
    const garbage = await post(op, '{"unterminated": ');
    expect(garbage.status).toBe(400);
    expect(rowCounts(t.core.db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('text round-trips', () => {
  it('keeps emoji, bidi controls, combining marks and zero-width characters byte for byte through HTTP', async () => {
    const title = 'Hub 🔥👩🏽‍💻 down \u202Eevil\u202C \u2066iso\u2069 e\u0301 a\u200Bb ﷽';
    const res = await rawRequest(shell.port, {
      method: 'POST',
      path: '/api/incidents.declare',
      headers: {
        host: `127.0.0.1:${shell.port}`,
        authorization: `Bearer ${shell.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ title }),
    });
    const saved = JSON.parse(res.body).value;
    expect(Buffer.from(saved.title, 'utf8').equals(Buffer.from(title, 'utf8'))).toBe(true);
    const stored = t.core.db.prepare('SELECT title FROM incidents WHERE id = ?').pluck().get(saved.id);
    expect(stored).toBe(title);
  });

  it('rejects NUL and lone surrogates with a clear message', async () => {
    for (const bad of ['nul\u0000here', 'half \uD83D surrogate', 'low \uDC00 first']) {
      const r = await t.core.invoke('incidents.declare', { title: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/NUL|surrogate/);
    }
  });
});
