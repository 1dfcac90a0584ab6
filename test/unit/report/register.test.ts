import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/shared/domain';
import {
  csvCell,
  matches,
  median,
  officialStart,
  registerCsv,
  registerRow,
  severityOf,
  withSentJobs,
} from '../../../src/main/core/report/register';

const e = (source: string, body: string) => ({
  id: 'x',
  at: 0,
  kind: 'log.trigger',
  source,
  body,
  summary: null,
  actor: null,
});

describe('register figures', () => {
  it('takes the median of odd and even counts, and none of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(3); // (2 + 3) / 2 rounded
    expect(median([])).toBeNull();
  });
  it('reads the last PagerDuty priority, not a P-number said in chat', () => {
    expect(
      severityOf([
        e('pagerduty', 'Triggered: P2'),
        e('pagerduty', 'Priority changed to P1'),
        e('slack', 'is this P3?'),
      ]),
    ).toBe('P1');
    expect(severityOf([e('slack', 'P1!')])).toBeNull();
  });
  it('quotes CSV cells and keeps spreadsheets from running them as formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });
});

const at = (id: string, minute: number, source: string, kind: string, body = '') => ({
  id,
  at: Date.parse('2026-11-01T10:00:00Z') + minute * 60_000,
  kind,
  source,
  body,
  summary: null,
  actor: null,
});

const started = [
  at('decl', 0, 'system', 'declared'),
  at('pd', 2, 'outbox', 'pagerduty.createIncident'),
  at('chan', 3, 'outbox', 'slack.createChannel'),
  at('ack', 5, 'pagerduty', 'log.acknowledge', 'Acknowledged by Ana'),
  at('tkt', 9, 'outbox', 'freshdesk.createTicket'),
  at('reply', 20, 'freshdesk', 'conversation.reply'),
];

describe('time to official start', () => {
  it('is the last of PagerDuty open, acknowledged, channel and community told, with those entries', () => {
    const s = officialStart(started);
    expect(s?.at).toBe(started[4]!.at);
    expect(s?.entries.map((e) => e.id)).toEqual(['pd', 'chan', 'ack', 'tkt']);
  });
  it('is null while any of the four is missing', () => {
    expect(officialStart(started.filter((e) => e.id !== 'ack'))).toBeNull();
    expect(officialStart(started.filter((e) => e.id !== 'chan'))).toBeNull();
    // a public reply tells the community as well as a new ticket does
    expect(officialStart(started.filter((e) => e.id !== 'tkt'))?.entries.map((e) => e.id)).toContain('reply');
  });
  it('counts from the declaration into the row, the CSV, and cites each figure', () => {
    const incident = {
      id: 'inc1',
      title: 'Hub down',
      hub: 'hub-a',
      status: 'resolved',
      declaredAt: '2026-11-01T10:00:00.000Z',
      impactStartAt: '2026-11-01T09:50:00.000Z',
      resolvedAt: null,
      runbookId: 'hub-outage',
    } as unknown as Incident;
    const record = [...started, at('res', 60, 'pagerduty', 'log.resolve', 'Resolved (P2)')];
    const row = registerRow({ incident, draft: undefined, items: [], record, clusters: ['c2', 'c1', 'c2'] }, 0);
    expect(row.timeToOfficialStartMs).toBe(9 * 60_000);
    expect(row.clusters).toEqual(['c1', 'c2']);
    expect(row.evidence).toEqual({
      severity: ['res'],
      firstReply: ['reply'],
      officialStart: ['pd', 'chan', 'ack', 'tkt'],
      resolve: ['res'],
    });
    const [head, line] = registerCsv([row]).split('\r\n');
    const cols = head!.split(',');
    expect(line!.split(',')[cols.indexOf('official_start_minutes')]).toBe('9');
    expect(line!.split(',')[cols.indexOf('runbook')]).toBe('hub-outage');
    expect(registerRow({ incident, draft: undefined, items: [], record: started.slice(0, 3) }, 0)).toMatchObject({
      timeToOfficialStartMs: null,
      evidence: {},
    });
  });
  it('filters by cluster (any of the scope) and by runbook', () => {
    const incident = {
      id: 'inc1',
      title: 't',
      hub: null,
      status: 'open',
      declaredAt: '2026-11-01T10:00:00.000Z',
      impactStartAt: '2026-11-01T10:00:00.000Z',
      resolvedAt: null,
      runbookId: 'hub-outage',
    } as unknown as Incident;
    const row = registerRow({ incident, draft: undefined, items: [], record: [], clusters: ['eu-1', 'US-2'] }, 0);
    expect(matches(row, { cluster: 'us-2' })).toBe(true);
    expect(matches(row, { cluster: 'eu-2' })).toBe(false);
    expect(matches(row, { runbook: 'hub-outage' })).toBe(true);
    expect(matches(row, { runbook: 'other' })).toBe(false);
  });
  it('takes sent requests as outbox entries under the entry that stands for them, dropping those with none', () => {
    const record = withSentJobs(started.slice(0, 2), [
      { kind: 'slack.createChannel', at: started[0]!.at + 60_000, entryId: 'step-done' },
      { kind: 'pagerduty.acknowledge', at: 0, entryId: null },
    ]);
    expect(record.map((e) => [e.id, e.source, e.kind])).toEqual([
      ['decl', 'system', 'declared'],
      ['step-done', 'outbox', 'slack.createChannel'],
      ['pd', 'outbox', 'pagerduty.createIncident'],
    ]);
  });
});
