// The proposed sections: plain sentences from the record, each citing the entries it came from.
import { describe, expect, it } from 'vitest';
import type { ReportTimelineRow } from '../../../src/main/core/db/repos/report';
import {
  citedIds,
  markAccepted,
  proposeResolution,
  proposeTimelineSummary,
  proposeWhatHappened,
  readStored,
  roleOf,
} from '../../../src/main/core/report/propose';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const min = 60_000;
const row = (
  id: string,
  minutes: number,
  kind: string,
  body: string,
  source = 'note',
  summary: string | null = null,
): ReportTimelineRow => ({
  id,
  at: T0 + minutes * min,
  kind,
  source,
  body,
  summary,
  actor: null,
});

const record: ReportTimelineRow[] = [
  row('d1', 0, 'declared', 'Incident declared: Users cannot start servers', 'system'),
  row('p1', 2, 'log.trigger', 'Triggered through the API', 'pagerduty'),
  row('f1', 10, 'finding', 'Node pool at max size'),
  row('c1', 12, 'note', 'coffee break'),
  row('s1', 15, 'status_changed', 'Status: active → mitigated', 'status'),
  row('k1', 18, 'decision', 'ignored body', 'note', 'Raise the node pool limit to 10'),
  row('a1', 20, 'command', 'kubectl scale --replicas=10'),
  row('s2', 40, 'status_changed', 'Status: mitigated → resolved (servers start)', 'status'),
  row('p2', 41, 'log.resolve', 'Resolved by Alice', 'pagerduty'),
];
const input = { entries: record, timezone: 'UTC', impactStart: T0, impactEnd: T0 + 40 * min };
/** The summary paragraph, then each sentence of the story (a sentence ends with its citation). */
const sentences = (text: string) => {
  const [summary = '', story = ''] = text.split('\n\n');
  return [summary, ...story.split(/(?<=\])\s+(?=At )/)];
};

describe('proposed What Happened', () => {
  const tellsTheStoryIn =
    'tells the story in order, one sentence per finding, decision, action, status change and vendor event, each ' +
    'citing its entry';
  it(tellsTheStoryIn, () => {
    const text = proposeWhatHappened(input);
    expect(text).not.toBeNull();
    const [summary, ...story] = sentences(text!);
    expect(summary).toBe(
      'The timeline holds 9 entries, among them 1 finding, 1 decision, 1 action, 2 status changes and 2 vendor ' +
        'events, from 2026-11-26 12:00 [^e:d1] to 2026-11-26 12:41 [^e:p2] (UTC).',
    );
    expect(story).toEqual([
      'At 12:02, PagerDuty recorded: Triggered through the API. [^e:p1]',
      'At 12:10, a finding was recorded: Node pool at max size. [^e:f1]',
      'At 12:15, the incident went from active to mitigated. [^e:s1]',
      'At 12:18, the team decided: Raise the node pool limit to 10. [^e:k1]',
      'At 12:20, the team ran `kubectl scale --replicas=10`. [^e:a1]',
      'At 12:40, the incident went from mitigated to resolved (servers start). [^e:s2]',
      'At 12:41, PagerDuty recorded: Resolved by Alice. [^e:p2]',
    ]);
    // Every sentence cites, and only entries that exist.
    for (const s of story) expect(citedIds(s)).toHaveLength(1);
    const ids = new Set(record.map((e) => e.id));
    expect(citedIds(text!).every((id) => ids.has(id))).toBe(true);
    // Conversation is not part of the story.
    expect(citedIds(text!)).not.toContain('c1');
  });

  it('writes full dates when the story spans days, and proposes nothing from a record without story entries', () => {
    const twoDays = [row('f1', 10, 'finding', 'Disk full'), row('f2', 24 * 60 + 5, 'finding', 'Disk full again')];
    expect(proposeWhatHappened({ ...input, entries: twoDays })).toContain(
      'At 2026-11-27 12:05, a finding was recorded: Disk full again. [^e:f2]',
    );
    expect(proposeWhatHappened({ ...input, entries: [row('c1', 1, 'note', 'hello')] })).toBeNull();
    expect(proposeTimelineSummary({ ...input, entries: [] })).toBeNull();
  });

  it('is deterministic: the same record gives the same text', () => {
    expect(proposeWhatHappened(input)).toBe(proposeWhatHappened({ ...input, entries: [...record] }));
  });
});

describe('proposed Resolution', () => {
  it('cites what was done after the last finding and the changes that closed the incident', () => {
    expect(proposeResolution(input)).toBe(
      'At 12:15, the incident went from active to mitigated. [^e:s1] At 12:18, the team decided: Raise the node pool ' +
        'limit to 10. [^e:k1] At 12:20, the team ran `kubectl scale --replicas=10`. [^e:a1] At 12:40, the incident ' +
        'went from mitigated to resolved (servers start). [^e:s2] At 12:41, PagerDuty recorded: Resolved by Alice. ' +
        '[^e:p2]',
    );
  });

  it('does not cite actions taken before the cause was found', () => {
    const early = [row('a0', 1, 'action', 'Restarted the hub'), row('f1', 10, 'finding', 'Quota reached')];
    expect(proposeResolution({ ...input, entries: early })).toBeNull();
  });
});

describe('entry roles and accepted proposals', () => {
  it('classifies entries by kind and source', () => {
    expect(roleOf({ kind: 'finding', source: 'note' })).toBe('finding');
    expect(roleOf({ kind: 'note', source: 'note' })).toBeNull();
    expect(roleOf({ kind: 'log.acknowledge', source: 'pagerduty' })).toBe('vendor');
    expect(roleOf({ kind: 'message', source: 'slack' })).toBeNull();
    expect(roleOf({ kind: 'step_done', source: 'checklist' })).toBeNull();
  });

  it('knows an accepted text nobody changed from an edited one', () => {
    const stored = markAccepted('At 12:10, a finding was recorded: X. [^e:f1]');
    expect(readStored(stored)).toEqual({ text: 'At 12:10, a finding was recorded: X. [^e:f1]', untouched: true });
    const edited = stored.replace('X.', 'Y.');
    expect(readStored(edited)).toEqual({ text: 'At 12:10, a finding was recorded: Y. [^e:f1]', untouched: false });
    expect(readStored('typed by hand')).toEqual({ text: 'typed by hand', untouched: false });
    expect(readStored(null)).toEqual({ text: null, untouched: false });
  });
});
