import { describe, expect, it } from 'vitest';
import { freshdeskMap } from '../../../src/main/core/integrations';
import { echoKey, withoutSharedEchoes } from '../../../src/main/core/importer/echoes';
import type { RecordEntry } from '../../../src/main/core/importer/record';

const entry = (source: string, at: string, body: string, connJobId: string | null): RecordEntry => ({
  source: source as RecordEntry['source'],
  vendorRef: `${source}:${at}:${body.length}`,
  at,
  kind: 'note',
  body,
  actor: null,
  url: null,
  connJobId,
});

describe('shared-note echoes', () => {
  it('keeps one copy of a note Conn shared to Slack and PagerDuty, whatever each vendor did to its text', () => {
    const slack = entry('slack', '2026-11-26T14:05:00.000Z', 'Finding: *quota* reached &amp; &lt;fixed&gt;', 'job1');
    const pd = entry('pagerduty', '2026-11-26T14:05:02.000Z', 'Finding: **quota** reached & <fixed>', 'job2');
    expect(echoKey(slack.body)).toBe(echoKey(pd.body));
    expect(withoutSharedEchoes([slack, pd])).toEqual([slack]);
  });

  it('keeps both when either copy lacks a Conn marker, both come from one vendor, or they are far apart', () => {
    const a = entry('slack', '2026-11-26T14:05:00.000Z', 'Same words', 'job1');
    expect(withoutSharedEchoes([a, entry('pagerduty', '2026-11-26T14:05:01.000Z', 'Same words', null)])).toHaveLength(
      2,
    );
    expect(withoutSharedEchoes([a, entry('slack', '2026-11-26T14:05:01.000Z', 'Same words', 'job2')])).toHaveLength(2);
    expect(withoutSharedEchoes([a, entry('pagerduty', '2026-11-26T16:05:00.000Z', 'Same words', 'job2')])).toHaveLength(
      2,
    );
  });

  it('drops a copy the timeline already holds from the other vendor (a later re-import)', () => {
    const pd = entry('pagerduty', '2026-11-26T14:05:02.000Z', 'Same words', 'job2');
    expect(
      withoutSharedEchoes(
        [pd],
        [{ source: 'slack', at: Date.parse('2026-11-26T14:05:00.000Z'), key: echoKey('Same words') }],
      ),
    ).toEqual([]);
  });
});

describe('Freshdesk HTML as text', () => {
  it('keeps paragraphs apart and line breaks inside them', () => {
    expect(freshdeskMap.textOfHtml('<p>Hello,</p><p>We are on it.<br>Next update at 16:00.</p><!-- [conn:x] -->')).toBe(
      'Hello,\n\nWe are on it.\nNext update at 16:00.',
    );
  });
});
