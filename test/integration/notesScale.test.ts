// Scale by construction: 10,000 notes, and the paging queries walk indexes instead of scanning.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import type { NotePage, TimelinePage } from '../../src/shared/notes';
import type { Result } from '../../src/shared/result';
import { cleanAfterEach, testCore } from '../helpers/core';

const fresh = cleanAfterEach(testCore);

const valueOf = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};
const plan = (db: ReturnType<typeof testCore>['core']['db'], sql: string, params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join(' | ');

describe('10,000 notes', () => {
  it('pages from both ends and the middle, with index-driven queries', async () => {
    const t = fresh();
    const r = await t.core.invoke('incidents.declare', { title: 'Big' });
    const incident = (r.ok ? r.value : undefined) as Incident;
    const notes = t.core.services.notes;
    // One outer transaction (each append becomes a savepoint) keeps the seeding quick with synchronous=FULL.
    t.core.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        if (i % 7 === 0) t.clock.advance(1000);
        notes.append({
          incidentId: incident.id,
          body: `note ${i} about shard-${i % 40}`,
          kind: i % 5 ? 'note' : 'finding',
        });
      }
    })();
    const latest = valueOf<NotePage>(await t.core.invoke('notes.list', { incidentId: incident.id, limit: 100 }));
    expect(latest.items.at(-1)!.body).toBe('note 9999 about shard-39');
    expect(latest.hasBefore).toBe(true);
    const tl = valueOf<TimelinePage>(
      await t.core.invoke('timeline.list', { incidentId: incident.id, kinds: ['finding'], limit: 50 }),
    );
    expect(tl.items.length).toBe(50);
    const hits = await t.core.invoke('search.query', { text: 'shard-7', limit: 10 });
    expect(hits.ok && (hits.value as { hits: unknown[] }).hits.length).toBe(10);

    const db = t.core.db;
    expect(
      plan(
        db,
        'SELECT * FROM notes WHERE incident_id = ? AND (created_at, seq) < (?, ?) ORDER BY created_at DESC, seq DESC ' +
          'LIMIT 100',
        [incident.id, 1, 1],
      ),
    ).toMatch(/USING INDEX notes_by_incident/);
    expect(
      plan(db, 'SELECT * FROM timeline_entries WHERE incident_id = ? AND (at, id) > (?, ?) ORDER BY at, id LIMIT 100', [
        incident.id,
        1,
        'x',
      ]),
    ).toMatch(/USING INDEX timeline_by_incident/);
    expect(plan(db, "SELECT * FROM timeline_entries WHERE ref_id = ? AND source = 'note'", ['x'])).toMatch(
      /USING INDEX timeline_by_ref/,
    );
  });
});
