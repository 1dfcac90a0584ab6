import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import { cleanAfterEach, testCore } from '../helpers/core';

describe('incidents.declare and incidents.list through the core', () => {
  const fresh = cleanAfterEach(testCore);

  it('declares an incident, lists it newest first, and keeps it across a reopen', async () => {
    const t = fresh();
    const a = await t.core.invoke('incidents.declare', { title: '  Hub down  ', hub: 'uw' });
    t.clock.advance(1000);
    const b = await t.core.invoke('incidents.declare', {
      title: 'Dask gateway failing',
      ticketUrl: 'https://2i2c.freshdesk.com/a/tickets/42',
    });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    const first = a.value as Incident;
    expect(first.title).toBe('Hub down');
    expect(first.status).toBe('declared');
    expect(first.declaredAt).toBe('2026-11-26T12:00:00.000Z');

    const list = await t.core.invoke('incidents.list', {});
    expect(list.ok && (list.value as Incident[]).map((i) => i.title)).toEqual(['Dask gateway failing', 'Hub down']);

    const dataDir = t.dataDir;
    t.core.close();
    const again = fresh({ dataDir });
    const relisted = await again.core.invoke('incidents.list', undefined);
    expect(relisted.ok && (relisted.value as Incident[]).length).toBe(2);
  });

  it('records the declaration on the timeline in the same transaction', async () => {
    const t = fresh();
    const r = await t.core.invoke('incidents.declare', { title: 'Login broken' });
    if (!r.ok) throw new Error('declare failed');
    const rows = t.core.db
      .prepare('SELECT kind, body FROM timeline_entries WHERE incident_id = ?')
      .all((r.value as Incident).id);
    expect(rows).toEqual([{ kind: 'declared', body: 'Incident declared: Login broken' }]);
  });

  it('emits incidents.declared and timeline.appended after commit', async () => {
    const t = fresh();
    const seen: string[] = [];
    t.core.bus.subscribe((name) => seen.push(name));
    await t.core.invoke('incidents.declare', { title: 'x' });
    expect(seen).toEqual(['incidents.declared', 'timeline.appended']);
  });

  it('answers invalid input with invalid_input naming each failing field, and writes nothing', async () => {
    const t = fresh();
    const r = await t.core.invoke('incidents.declare', { title: '', ticketUrl: 'javascript:alert(1)' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    const fields = (r.error.details as { fields: Array<{ path: string }> }).fields.map((f) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['title', 'ticketUrl']));
    expect(t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(0);
  });

  it('answers an unknown operation with not_found', async () => {
    const t = fresh();
    const r = await t.core.invoke('incidents.explode', {});
    expect(r).toEqual({ ok: false, error: { code: 'not_found', message: 'Unknown operation: incidents.explode' } });
    const proto = await t.core.invoke('__proto__', {});
    expect(proto.ok).toBe(false);
  });

  it('reports a full database as storage_full and keeps what was saved', async () => {
    const t = fresh();
    await t.core.invoke('incidents.declare', { title: 'kept' });
    const pages = t.core.db.pragma('page_count', { simple: true }) as number;
    t.core.db.pragma(`max_page_count = ${pages}`);
    let last;
    for (let i = 0; i < 200; i++) {
      last = await t.core.invoke('incidents.declare', { title: `filler ${i} ${'x'.repeat(150)}` });
      if (!last.ok) break;
    }
    expect(last && !last.ok && last.error.code).toBe('storage_full');
    const titles = t.core.db.prepare('SELECT title FROM incidents').pluck().all();
    expect(titles).toContain('kept');
  });
});
