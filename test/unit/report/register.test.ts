import { describe, expect, it } from 'vitest';
import { csvCell, median, severityOf } from '../../../src/main/core/report/register';

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
