// report.get reads the proposals' digest by bounded queries (report/digest.ts) instead of every entry: it must say
// exactly what the digest of every entry says, and follow the record as it changes.
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { reportRepo } from '../../src/main/core/db/repos/report';
import { APPEND_LOG_MAX } from '../../src/main/core/db/repos/reportAppends';
import { DIGEST_IDLE_MS } from '../../src/main/core/report/digestCache';
import { digestFromDb } from '../../src/main/core/report/digest';
import { digestOf, resolutionOf, whatHappenedOf } from '../../src/main/core/report/propose';
import type { ReportView } from '../../src/shared/report';
import { addEntry, declare, getReport, reportCore } from '../helpers/report';
import { seeded } from '../helpers/seeded';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

/** An entry of any source (the helper writes only notes and system entries). */
function addEvent(
  core: Core,
  incidentId: string,
  e: {
    id: string;
    at: number;
    source: string;
    kind: string;
    body: string;
    summary?: string | null;
    inReport?: boolean;
  },
) {
  core.db
    .prepare(
      `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, actor, summary, in_report, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.id, incidentId, e.at, e.source, e.kind, e.body, null, e.summary ?? null, e.inReport === false ? 0 : 1, e.at);
}

const noteKinds = ['note', 'finding', 'decision', 'action', 'command', 'status'];
const events: Array<[string, string, (r: () => number) => string]> = [
  ['status', 'status_changed', (r) => `Status: active → ${r() < 0.5 ? 'mitigated' : 'investigating'}`],
  ['status', 'reopened', () => 'Reopened: resolved → active (it came back)'],
  ['pagerduty', 'log.resolve', () => 'Resolved by Alice'],
  ['pagerduty', 'log.trigger', () => 'Triggered'],
  ['freshdesk', 'ticket.opened', () => 'Ticket 42 opened'],
  ['system', 'resolution', () => 'Raised the limit'],
  ['system', 'classification', (r) => `Severity ${Math.ceil(r() * 3)}`],
  ['system', 'checklist', () => 'Step done'],
  ['system', 'status', () => 'Status: investigating → resolved'],
  ['slack', 'message', () => 'hello → resolved?'],
];

/** A record of `n` entries of every kind and source, some left out of the report, some with summaries. */
function fill(core: Core, incidentId: string, n: number, seed: number) {
  const r = seeded(seed);
  for (let i = 0; i < n; i++) {
    const at = T0 + Math.floor(r() * n) * 60_000; // ties on `at` on purpose: order is (at, id)
    const inReport = r() > 0.1;
    const summary = r() < 0.1 ? `summary ${i} → closed` : null;
    if (r() < 0.6) {
      const kind = noteKinds[Math.floor(r() * noteKinds.length)]!;
      const body = kind === 'status' && r() < 0.5 ? `Status: active → resolved ${i}` : `${kind} body ${i}\nmore`;
      addEntry(core, incidentId, { at, kind, body, summary, inReport, actor: r() < 0.5 ? 'Ana Lopez' : 'Bo' });
    } else {
      const [source, kind, body] = events[Math.floor(r() * events.length)]!;
      addEvent(core, incidentId, { id: `ev${seed}-${i}`, at, source, kind, body: body(r), summary, inReport });
    }
  }
}

describe('the report digest read by bounded queries', () => {
  const open: Array<{ cleanup(): void }> = [];
  afterEach(() => open.splice(0).forEach((c) => c.cleanup()));

  it('equals the digest of every entry, on records of every kind and source', async () => {
    const t = reportCore();
    open.push(t);
    for (const seed of [1, 2, 3, 4, 5]) {
      const inc = await declare(t.core, `Incident ${seed}`);
      fill(t.core, inc.id, seed === 1 ? 0 : seed * 60, seed);
      const repo = reportRepo(t.core.db);
      expect(digestFromDb(repo, inc.id)).toEqual(digestOf(repo.timelineBrief(inc.id)));
    }
  });

  it('report.get follows the record at once: appends folded in, edits, flags, deletes and late entries', async () => {
    const t = reportCore();
    open.push(t);
    const inc = await declare(t.core);
    fill(t.core, inc.id, 300, 9);
    const repo = reportRepo(t.core.db);
    /** What report.get proposes, beside what a digest of every entry proposes now. */
    const proposed = async () => {
      const view = await getReport(t.core, inc.id);
      const text = (key: string) => {
        const s = view.sections.find((x) => x.key === key);
        return s?.kind === 'text' ? (s.body ?? s.proposal) : undefined;
      };
      const d = digestOf(repo.timelineBrief(inc.id));
      expect(text('whatHappened')).toBe(whatHappenedOf(d, 'UTC'));
      expect(text('resolution')).toBe(resolutionOf(d, 'UTC'));
      return { what: text('whatHappened') ?? '', resolution: text('resolution') ?? '' };
    };
    const before = await proposed();
    expect(await proposed()).toEqual(before); // a second read says the same

    // A new finding after everything else: the story counts it and the resolution starts over after it.
    addEntry(t.core, inc.id, { at: T0 + 10_000 * 60_000, kind: 'finding', body: 'The quota was the cause' });
    const after = await proposed();
    expect(after.what).not.toBe(before.what);
    expect(after.resolution).not.toMatch(/the team (acted|ran|decided)/);

    // An action after it: the resolution tells it.
    const id = addEntry(t.core, inc.id, { at: T0 + 10_001 * 60_000, kind: 'action', body: 'Raised the quota' });
    expect((await proposed()).resolution).toContain(`the team acted: Raised the quota. [^e:${id}]`);

    // Taken out of the report (an UPDATE): gone from the proposals.
    t.core.db.prepare('UPDATE notes SET in_report = 0 WHERE id = ?').run(id);
    expect((await proposed()).resolution).not.toContain(id);

    // An entry dated before the last one, an event of another source, an edit, a delete: each read stays exact.
    addEntry(t.core, inc.id, { at: T0 + 5 * 60_000, kind: 'finding', body: 'An early finding' });
    await proposed();
    addEvent(t.core, inc.id, {
      id: 'late-resolve',
      at: T0 + 10_002 * 60_000,
      source: 'pagerduty',
      kind: 'log.resolve',
      body: 'Resolved',
    });
    expect((await proposed()).resolution).toContain('[^e:late-resolve]');
    t.core.db.prepare("UPDATE timeline_events SET kind = 'log.trigger' WHERE id = 'late-resolve'").run();
    expect((await proposed()).resolution).not.toContain('late-resolve');
    t.core.db.prepare("DELETE FROM timeline_events WHERE id = 'late-resolve'").run();
    await proposed();
    // A read inside a transaction that then rolls back: the read saw a finding that never was; the next must not.
    const base = await proposed();
    let inside: Promise<ReportView> | undefined;
    expect(() =>
      t.core.db.transaction(() => {
        addEntry(t.core, inc.id, { at: T0 + 20_000 * 60_000, kind: 'finding', body: 'A phantom finding' });
        inside = getReport(t.core, inc.id);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    const seen = (await inside)!.sections.find((x) => x.key === 'whatHappened');
    expect(seen?.kind === 'text' && (seen.body ?? seen.proposal)).not.toBe(base.what); // one more finding
    expect((await proposed()).what).toBe(base.what);
    // A long backlog between two reads: the list stops at its cap (the read rebuilds), so it cannot grow unread.
    const insert = t.core.db.prepare(
      `INSERT INTO notes (id, incident_id, kind, body, author, created_at) VALUES (?, ?, 'decision', ?, 'Bo', ?)`,
    );
    t.core.db.transaction(() => {
      for (let i = 0; i < APPEND_LOG_MAX + 100; i++)
        insert.run(`bulk${i}`, inc.id, `bulk ${i}`, T0 + (30_000 + i) * 60_000);
    })();
    expect(t.core.db.prepare('SELECT COUNT(*) AS n FROM temp.report_appended').get()).toEqual({ n: APPEND_LOG_MAX });
    await proposed();
    for (let i = 0; i < 60; i++)
      addEntry(t.core, inc.id, { at: T0 + (10_003 + i) * 60_000, kind: i % 2 ? 'decision' : 'note', body: `d${i}` });
    await proposed();
  });

  it('keeps its TEMP triggers only while a report is read lately, and stays exact as they come and go', async () => {
    const t = reportCore();
    open.push(t);
    const triggers = () =>
      (
        t.core.db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'trigger' ORDER BY name").all() as Array<{
          name: string;
        }>
      ).map((r) => r.name);
    const inc = await declare(t.core);
    fill(t.core, inc.id, 120, 11);
    expect(triggers()).toEqual([]); // nobody has read a report: appends pay nothing for it
    const repo = reportRepo(t.core.db);
    const exact = async () => {
      const view = await getReport(t.core, inc.id);
      const s = view.sections.find((x) => x.key === 'whatHappened');
      const shown = s?.kind === 'text' ? (s.body ?? s.proposal) : undefined;
      expect(shown).toBe(whatHappenedOf(digestOf(repo.timelineBrief(inc.id)), 'UTC'));
    };

    // The first read ever, inside a transaction that rolls back: its triggers go back with its watch row.
    expect(() =>
      t.core.db.transaction(() => {
        void getReport(t.core, inc.id);
        expect(triggers()).toHaveLength(6);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(triggers()).toEqual([]);
    addEntry(t.core, inc.id, { at: T0 + 900 * 60_000, kind: 'finding', body: 'Found after the rollback' });
    await exact();
    expect(triggers()).toHaveLength(6);
    addEntry(t.core, inc.id, { at: T0 + 901 * 60_000, kind: 'finding', body: 'Folded in by the triggers' });
    await exact();

    // Not yet idle: kept. Idle past the limit: dropped with its triggers; appends meanwhile are read from the record.
    t.core.services.report.expireIdleDigests(Date.now() + DIGEST_IDLE_MS / 2);
    expect(triggers()).toHaveLength(6);
    t.core.services.report.expireIdleDigests(Date.now() + DIGEST_IDLE_MS + 1);
    expect(triggers()).toEqual([]);
    addEntry(t.core, inc.id, { at: T0 + 902 * 60_000, kind: 'finding', body: 'Written while no report was open' });
    await exact();
    expect(triggers()).toHaveLength(6);
  });
});
