// `npm run bench -- --compare`: each figure against an earlier results.json, in the direction its target wants.
import { describe, expect, it } from 'vitest';
import { betterDirection, compareResults, formatComparison, parseResults } from '../bench/compare';
import { result as measured, type BenchResult } from '../bench/results';

const result = (name: string, value: number, unit: string, cmp: '<=' | '>=', target: number) =>
  measured(name, value, unit, cmp, target, { spread: 'n=1' });

const before: BenchResult[] = [
  result('search_p99_ms', 10, 'ms', '<=', 20),
  result('outbox_jobs_per_s', 500, 'jobs/s', '>=', 400),
  result('open_ms', 400, 'ms', '<=', 500),
  result('slow_ms', 30, 'ms', '<=', 20),
  result('bytes_per_note', 900, 'B', '<=', Infinity),
  result('gone_ms', 1, 'ms', '<=', 5),
];

const now: BenchResult[] = [
  result('search_p99_ms', 10.5, 'ms', '<=', 20), // +5%: noise
  result('outbox_jobs_per_s', 420, 'jobs/s', '>=', 400), // -16% of a higher-is-better figure: worse, still passing
  result('open_ms', 600, 'ms', '<=', 500), // passed, fails now
  result('slow_ms', 15, 'ms', '<=', 20), // failed, passes now
  result('bytes_per_note', 2000, 'B', '<=', Infinity), // reported: no direction
  result('new_ms', 3, 'ms', '<=', 5),
];

describe('compareResults', () => {
  const c = compareResults(before, now);
  const of = (name: string) => c.changes.find((x) => x.name === name)!;

  it('gives before, now and the change in % for every figure on both sides', () => {
    expect(c.changes.map((x) => x.name)).toEqual([
      'search_p99_ms',
      'outbox_jobs_per_s',
      'open_ms',
      'slow_ms',
      'bytes_per_note',
    ]);
    expect(of('open_ms')).toMatchObject({ before: 400, now: 600, changePct: 50, better: 'lower' });
    expect(of('outbox_jobs_per_s').changePct).toBeCloseTo(-16, 6);
  });

  it('judges a change by its target direction: a drop is worse for a >= target, a rise for a <= one', () => {
    expect(of('outbox_jobs_per_s').verdict).toBe('worse');
    expect(of('search_p99_ms').verdict).toBe('same');
    const faster = compareResults([result('x_ms', 100, 'ms', '<=', 500)], [result('x_ms', 50, 'ms', '<=', 500)]);
    expect(faster.changes[0]!.verdict).toBe('better');
    const slower = compareResults([result('x_ms', 100, 'ms', '<=', 500)], [result('x_ms', 150, 'ms', '<=', 500)]);
    expect(slower.changes[0]!.verdict).toBe('worse');
  });

  it('a figure that passed and fails now is a regression; one that failed and passes now is fixed', () => {
    expect(of('open_ms').verdict).toBe('regression');
    expect(of('slow_ms').verdict).toBe('fixed');
  });

  it('reported figures (no finite target) have no direction', () => {
    expect(of('bytes_per_note')).toMatchObject({ better: null, verdict: 'reported' });
  });

  it('lists figures missing on either side', () => {
    expect(c.onlyBefore).toEqual(['gone_ms']);
    expect(c.onlyNow).toEqual(['new_ms']);
  });

  it('a change from zero has no percentage but still counts as beyond the noise', () => {
    const z = compareResults([result('dupes', 0, '', '<=', 5)], [result('dupes', 2, '', '<=', 5)]);
    expect(z.changes[0]).toMatchObject({ changePct: null, verdict: 'worse' });
    const same = compareResults([result('dupes', 0, '', '<=', 5)], [result('dupes', 0, '', '<=', 5)]);
    expect(same.changes[0]).toMatchObject({ changePct: 0, verdict: 'same' });
  });

  it('the noise threshold is a parameter', () => {
    const c5 = compareResults(before, now, 4);
    expect(c5.changes.find((x) => x.name === 'search_p99_ms')!.verdict).toBe('worse');
  });
});

describe('betterDirection', () => {
  it('reads the target string', () => {
    expect(betterDirection('<= 20')).toBe('lower');
    expect(betterDirection('>= 0.9')).toBe('higher');
    expect(betterDirection('<= Infinity')).toBeNull();
    expect(betterDirection('reported')).toBeNull();
  });
});

describe('formatComparison', () => {
  const text = formatComparison(compareResults(before, now), 'old.json');
  const row = (name: string) => text.split('\n').find((l) => l.includes(` ${name} `))!;

  it('shows the load average each side was measured under', () => {
    const t = formatComparison(
      compareResults([{ ...before[0]!, load1: 1.5 }], [{ ...now[0]!, load1: 6.25 }]),
      'old.json',
    );
    expect(t.split('\n').find((l) => l.includes(' search_p99_ms '))).toMatch(/1\.5 → 6\.25/);
  });

  it('marks regressions and worse figures in the first column, so they stand out', () => {
    expect(row('open_ms')).toMatch(/^!! REGRESSION\s+open_ms\s+400\s+600\s+ms\s+\+50\.0%/);
    expect(row('outbox_jobs_per_s')).toMatch(/^! {2}worse\s+outbox_jobs_per_s\s+500\s+420\s+jobs\/s\s+-16\.0%/);
    expect(row('search_p99_ms')).toMatch(/^\s+same\s+search_p99_ms/);
    expect(row('open_ms')).toContain('PASS → FAIL');
  });

  it('sums up regressions, worse figures and missing ones', () => {
    expect(text).toContain('1 regression(s), passed before and fail now: open_ms');
    expect(text).toContain('1 worse by more than 10%: outbox_jobs_per_s');
    expect(text).toContain('missing from this run (only in old.json): gone_ms');
    expect(text).toContain('new in this run (not in old.json): new_ms');
  });

  it('says so when nothing regressed, and names a partial run', () => {
    const t = formatComparison(compareResults(before.slice(0, 1), before.slice(0, 2)), 'a.json', {
      partial: '--only=search ran part of the suite',
    });
    expect(t).toContain('no regressions');
    const p = formatComparison(compareResults(before.slice(0, 2), before.slice(0, 1)), 'a.json', {
      partial: '--only=search ran part of the suite',
    });
    expect(p).toContain(
      'not measured this run (--only=search ran part of the suite) (only in a.json): outbox_jobs_per_s',
    );
  });
});

describe('formatComparison with nothing in common', () => {
  it('says so instead of an empty table', () => {
    const t = formatComparison(compareResults(before.slice(0, 1), now.slice(5)), 'a.json');
    expect(t).toContain('(no figure is in both files)');
    expect(t).not.toContain('pass before → now');
  });
});

describe('parseResults', () => {
  it('reads a results.json and refuses anything else', () => {
    expect(parseResults(JSON.stringify(before), 'f')).toHaveLength(6);
    expect(() => parseResults('{', 'f')).toThrow(/f is not JSON/);
    expect(() => parseResults('{}', 'f')).toThrow(/not a results.json/);
    expect(() => parseResults('[{"name":"x"}]', 'f')).toThrow(/figure 0 lacks/);
  });
});
