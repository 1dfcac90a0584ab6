// The fact checker: each kind of finding, with a case next to it that must not fire.
import { describe, expect, it } from 'vitest';
import type { ReportTimelineRow } from '../../../src/main/core/db/repos/report';
import { factCheck, referencesIn, timesIn, type FactCheckFindingInput } from '../../../src/main/core/report/factCheck';
import {
  sectionKeys,
  sectionTitles,
  type ActionItem,
  type ReportView,
  type TextSectionKey,
} from '../../../src/shared/report';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const min = 60_000;
const row = (id: string, minutes: number, kind: string, body: string, source = 'note'): ReportTimelineRow => ({
  id,
  at: T0 + minutes * min,
  kind,
  source,
  body,
  summary: null,
  actor: null,
});

const record: ReportTimelineRow[] = [
  row('d1', 0, 'declared', 'Incident declared: Users cannot start servers on uw-hub', 'system'),
  row('p1', 3, 'log.trigger', 'Triggered: hub 500 errors', 'pagerduty'),
  row('f1', 10, 'finding', 'Node pool at max size, see https://github.com/2i2c-org/infrastructure/pull/512'),
  row('k1', 20, 'decision', 'Raise the node pool limit; tracked in issue #77'),
  row('p2', 45, 'log.trigger', 'Triggered again: hub 500 errors', 'pagerduty'),
];

const full = 'Written.';
/** An action item's GitHub fields when Conn never opened or read its issue. */
const noIssue = { repo: null, issueState: null, issueClosedAt: null, issueCheckedAt: null, issueRequest: null };

function viewOf(
  over: {
    texts?: Partial<Record<TextSectionKey, string | null>>;
    items?: ActionItem[];
    start?: number;
    end?: number | null;
    tz?: string;
  } = {},
): ReportView {
  const texts: Record<TextSectionKey, string | null> = {
    overview: full,
    whatHappened: full,
    resolution: full,
    lucky: full,
    wentWell: full,
    wentBadly: full,
    ...over.texts,
  };
  return {
    incidentId: 'i1',
    version: 1,
    header: {
      title: 'Users cannot start servers',
      owner: 'Alice',
      impactStart: new Date(over.start ?? T0).toISOString(),
      impactEnd: over.end === null ? null : new Date(over.end ?? T0 + 50 * min).toISOString(),
      timezone: over.tz ?? 'UTC',
      duration: null,
      status: 'draft',
      impactEndProposal: null,
    },
    hub: 'uw-hub',
    sections: sectionKeys.map((key) =>
      key === 'actionItems' || key === 'timeline'
        ? { kind: key, key, title: sectionTitles[key] }
        : { kind: 'text', key, title: sectionTitles[key], body: texts[key], proposal: null, following: false },
    ) as ReportView['sections'],
    actionItems: over.items ?? [
      {
        ...noIssue,
        id: 'a1',
        what: 'Alert on pool size',
        doneWhen: '',
        owner: '',
        issueUrl: 'https://github.com/2i2c-org/infrastructure/issues/77',
      },
    ],
    timeline: [
      {
        entryId: 'd1',
        at: new Date(T0).toISOString(),
        time: '2026-11-26 12:00',
        day: 'Thursday',
        text: 'Incident declared',
        cursor: `${T0}.d1`,
      },
    ],
    timelineTotal: 1,
    timelineHasAfter: false,
    citations: [],
    warnings: [],
    fileBase: 'x',
    reportUrl: 'https://example.org/x.pdf',
    githubRepo: null,
    updatedAt: new Date(T0).toISOString(),
  };
}

const check = (view: ReportView, extra: Partial<FactCheckFindingInput> = {}) =>
  factCheck({
    view,
    record,
    roster: ['Bob Smith'],
    knownHubs: ['uw-hub', 'ocean-data'],
    ticketUrl: 'https://x.freshdesk.com/a/tickets/4711',
    ...extra,
  });
const codes = (view: ReportView, extra?: Partial<FactCheckFindingInput>) => check(view, extra).map((f) => f.code);

describe('the fact checker', () => {
  it('finds nothing in a report that holds to the record', () => {
    const view = viewOf({
      texts: {
        whatHappened:
          'At 12:10 the node pool was full [^e:f1] and at 12:21 we raised the limit (PR #512, issue #77) on the ' +
          'uw-hub hub. Ticket 4711 was answered.',
      },
    });
    expect(check(view)).toEqual([]);
  });

  it('flags an empty section, with or without a proposal waiting, and clears once it is written', () => {
    const found = check(viewOf({ texts: { lucky: null, wentWell: '  ' } }));
    expect(found.map((f) => [f.code, f.place.section])).toEqual([
      ['empty_section', 'lucky'],
      ['empty_section', 'wentWell'],
    ]);
    expect(codes(viewOf({ texts: { lucky: 'Nobody was using it.' } }))).toEqual([]);
    expect(codes(viewOf({ items: [] }))).toEqual(['empty_section']);
  });

  it('flags a time matching no entry within two minutes and offers the nearest entries', () => {
    const found = check(viewOf({ texts: { resolution: 'We raised the limit at 12:30.' } }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'unmatched_time', place: { section: 'resolution' }, excerpt: '12:30' });
    expect(found[0]!.nearest!.map((n) => n.entryId)).toEqual(['k1', 'p2', 'f1']);
    // ±2 minutes matches; the impact start and end count as known times; dated times are compared exactly.
    expect(codes(viewOf({ texts: { resolution: 'We raised the limit at 12:22.' } }))).toEqual([]);
    expect(codes(viewOf({ texts: { resolution: 'Impact ran from 12:00 to 12:50.' } }))).toEqual([]);
    expect(codes(viewOf({ texts: { resolution: 'Raised on 2026-11-27 12:20.' } }))).toEqual(['unmatched_time']);
    expect(codes(viewOf({ texts: { resolution: 'Raised on 2026-11-26 12:20.' } }))).toEqual([]);
  });

  it('reads times in the report timezone unless UTC is written, and ignores citations and version numbers', () => {
    expect(codes(viewOf({ tz: 'Europe/Berlin', texts: { resolution: 'Found at 13:10.' } }))).toEqual([]);
    expect(codes(viewOf({ tz: 'Europe/Berlin', texts: { resolution: 'Found at 12:10 UTC.' } }))).toEqual([]);
    expect(codes(viewOf({ tz: 'Europe/Berlin', texts: { resolution: 'Found at 12:10.' } }))).toEqual([
      'unmatched_time',
    ]);
    expect(timesIn('upgraded to 1.12:30 and v2.3.4 [^e:f1]', 'UTC')).toEqual([]);
  });

  it('flags an impact end before the last failure on the record, and an impact start after users were affected', () => {
    const end = check(viewOf({ end: T0 + 30 * min }));
    expect(end.map((f) => [f.code, f.place.field, f.nearest?.[0]?.entryId])).toEqual([
      ['impact_contradiction', 'impactEnd', 'p2'],
    ]);
    const start = check(viewOf({ start: T0 + 8 * min }));
    expect(start.map((f) => [f.code, f.place.field, f.nearest?.[0]?.entryId])).toEqual([
      ['impact_contradiction', 'impactStart', 'p1'],
    ]);
    // An end after the last failure, or no end yet, is consistent.
    expect(codes(viewOf({ end: T0 + 46 * min }))).toEqual([]);
    expect(codes(viewOf({ end: null }))).toEqual([]);
  });

  it('flags a hub, ticket, pull request or issue the record never saw', () => {
    const found = check(
      viewOf({
        texts: {
          whatHappened:
            'The leap-east hub failed. Ticket 9999 came in; PR #600 and ' +
            'https://github.com/2i2c-org/infrastructure/issues/78 fixed it.',
        },
      }),
    );
    expect(found.map((f) => [f.code, f.excerpt])).toEqual([
      ['unknown_reference', 'https://github.com/2i2c-org/infrastructure/issues/78'.replace('https://', '')],
      ['unknown_reference', 'PR #600'],
      ['unknown_reference', 'Ticket 9999'],
      ['unknown_reference', 'leap-east hub'],
    ]);
    // Known ones: the incident's hub and other hubs Conn knows, the declared ticket, links seen on the record.
    expect(
      codes(
        viewOf({
          texts: {
            whatHappened:
              'The ocean-data hub and the uw-hub hub; ticket #4711; github.com/2i2c-org/infrastructure/pull/512.',
          },
        }),
      ),
    ).toEqual([]);
    expect(referencesIn('the shared hub and every hub')).toEqual([]);
  });

  it('flags an action item without an issue', () => {
    const found = check(
      viewOf({ items: [{ ...noIssue, id: 'a2', what: 'Write a runbook', doneWhen: '', owner: '', issueUrl: null }] }),
    );
    expect(found.map((f) => [f.code, f.place])).toEqual([['missing_issue', { section: 'actionItems', itemId: 'a2' }]]);
  });

  it('flags blaming language and not a neutral sentence naming the same person', () => {
    const found = check(viewOf({ texts: { wentBadly: 'Bob forgot to scale down the pool.' } }));
    expect(found.map((f) => [f.code, f.place.section])).toEqual([['blame', 'wentBadly']]);
    expect(found[0]!.suggestion).toBeTruthy();
    expect(codes(viewOf({ texts: { wentBadly: 'Bob scaled down the pool once the alert cleared.' } }))).toEqual([]);
  });
});
