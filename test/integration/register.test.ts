// The outage register through the core: figures from the record, filters, the month summary, and a CSV with the
// same figures.
import { cleanAfterEach } from '../helpers/core';
import { describe, expect, it } from 'vitest';
import type { Register, RegisterCsv } from '../../src/shared/register';
import { addEntry, declare, must, reportCore, updateReport } from '../helpers/report';

const min = 60_000;

describe('the outage register', () => {
  const fresh = cleanAfterEach(reportCore);

  async function seeded() {
    const t = fresh();
    const { core, clock } = t;
    const a = await declare(core, 'Users cannot start servers', 'uw-hub');
    const start = Date.parse(a.declaredAt);
    const vendor = core.db.prepare(
      `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    vendor.run('pd1', a.id, start + 1 * min, 'pagerduty', 'log.trigger', 'Triggered: P1 hub down', start);
    vendor.run('fd1', a.id, start + 12 * min, 'freshdesk', 'conversation.reply', 'We are looking into it', start);
    addEntry(core, a.id, { at: start + 5 * min, kind: 'finding', body: 'Node pool full' });
    await updateReport(core, a.id, { impactEnd: new Date(start + 90 * min).toISOString() });
    await must(
      core.invoke('report.addActionItem', {
        incidentId: a.id,
        what: 'Alert',
        issueUrl: 'https://github.com/o/r/issues/1',
      }),
    );
    await must(core.invoke('report.addActionItem', { incidentId: a.id, what: 'Runbook' }));
    clock.advance(60 * min);
    await must(core.invoke('incidents.setStatus', { incidentId: a.id, status: 'resolved' }));
    const b = await declare(core, 'Slow logins', 'ocean-data');
    return { core, a, b, start };
  }

  it('lists each incident with figures computed from its record, and a month summary', async () => {
    const { core, a, b, start } = await seeded();
    const reg = await must<Register>(core.invoke('register.list', {}));
    expect(reg.rows.map((r) => r.incidentId)).toEqual([b.id, a.id]);
    const row = reg.rows.find((r) => r.incidentId === a.id)!;
    expect(row).toMatchObject({
      hub: 'uw-hub',
      status: 'resolved',
      severity: 'P1',
      impactStart: new Date(start).toISOString(),
      impactEnd: new Date(start + 90 * min).toISOString(),
      durationMs: 90 * min,
      timeToFirstReplyMs: 12 * min,
      timeToResolveMs: 60 * min,
      reportStatus: 'draft',
      reportAgeDays: 0,
      actionItems: { total: 2, withIssue: 1 },
    });
    const other = reg.rows.find((r) => r.incidentId === b.id)!;
    expect([other.severity, other.durationMs, other.timeToFirstReplyMs, other.reportStatus]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(reg.months).toEqual([
      { month: row.impactStart.slice(0, 7), count: 2, p1: 1, medianDurationMs: 90 * min, medianFirstReplyMs: 12 * min },
    ]);
  });

  it('filters by period, severity and hub', async () => {
    const { core, a, b, start } = await seeded();
    const ids = async (f: Record<string, string>) =>
      (await must<Register>(core.invoke('register.list', f))).rows.map((r) => r.incidentId);
    const day = new Date(start).toISOString().slice(0, 10);
    const next = new Date(start + 24 * 60 * min).toISOString().slice(0, 10);
    expect(await ids({ severity: 'P1' })).toEqual([a.id]);
    expect(await ids({ hub: 'OCEAN-DATA' })).toEqual([b.id]);
    expect(await ids({ from: day, to: day })).toEqual([b.id, a.id]);
    expect(await ids({ from: next })).toEqual([]);
    const bad = await core.invoke('register.list', { severity: 'high' });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
  });

  it('exports the same rows and figures as CSV', async () => {
    const { core, a } = await seeded();
    const out = await must<RegisterCsv>(core.invoke('register.csv', { severity: 'P1' }));
    expect(out.fileName).toMatch(/^outage-register-\d{4}-\d{2}-\d{2}\.csv$/);
    const [head, line, ...rest] = out.csv.trimEnd().split('\r\n');
    expect(rest).toEqual([]);
    const cells = Object.fromEntries(head!.split(',').map((h, i) => [h, line!.split(',')[i]]));
    expect(cells).toMatchObject({
      incident_id: a.id,
      hub: 'uw-hub',
      severity: 'P1',
      duration_minutes: '90',
      duration: '1 hour 30 minutes',
      first_reply_minutes: '12',
      resolve_minutes: '60',
      report_status: 'draft',
      action_items: '2',
      action_items_with_issue: '1',
    });
  });

  it("counts Conn's sent requests toward the official start, citing the step each one finished", async () => {
    const { core, a, start } = await seeded();
    const entry = core.db.prepare(
      `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, ref_id, recorded_at)
       VALUES (?, ?, ?, 'checklist', ?, 'step', ?, ?)`,
    );
    const job = core.db.prepare(
      `INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, state, ref_type, ref_id,
         created_at, updated_at) VALUES (?, ?, ?, ?, '{}', ?, ?, 'checklist_step', ?, ?, ?)`,
    );
    const official = async () =>
      (await must<Register>(core.invoke('register.list', {}))).rows.find((r) => r.incidentId === a.id)!;
    entry.run('chan-started', a.id, start + 2 * min, 'step_started', 's-chan', start);
    entry.run('chan-done', a.id, start + 3 * min, 'step_done', 's-chan', start);
    job.run('j1', a.id, 'slack', 'slack.createChannel', 'slack:a', 'sent', 's-chan', start, start + 3 * min);
    entry.run('ack-done', a.id, start + 6 * min, 'step_done', 's-ack', start);
    job.run('j2', a.id, 'pagerduty', 'pagerduty.acknowledge', 'pd:a', 'queued', 's-ack', start, start + 6 * min);
    // not acknowledged yet: the request is still queued
    expect((await official()).timeToOfficialStartMs).toBeNull();

    core.db.prepare(`UPDATE outbox_jobs SET state = 'sent' WHERE id = 'j2'`).run();
    const row = await official();
    expect(row.timeToOfficialStartMs).toBe(12 * min); // the first public reply came last
    expect(row.evidence.officialStart).toEqual(['pd1', 'chan-done', 'ack-done', 'fd1']);
  });
});
