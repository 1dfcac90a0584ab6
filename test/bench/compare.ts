// `npm run bench -- --compare <previous results.json>`: each figure of this run against the same figure in an earlier
// results file — before → now, the change in %, and whether it moved the wrong way for its target — so a regression
// is seen at a glance. Pure functions (compareResults, formatComparison); run.ts reads the file and prints.
import type { BenchResult } from './results';

/** Changes smaller than this (in %) are noise on a shared machine: neither better nor worse. */
export const NOISE_PCT = 10;

export type Verdict =
  /** Passed before, fails now. */
  | 'regression'
  /** Moved the wrong way for its target by more than the noise, still passing (or failing both times). */
  | 'worse'
  | 'same'
  | 'better'
  /** Failed before, passes now. */
  | 'fixed'
  /** No direction: a reported figure (target "<= Infinity") or an unreadable target. */
  | 'reported';

export interface FigureChange {
  name: string;
  unit: string;
  target: string;
  before: number;
  now: number;
  /** (now − before) / |before| in %; null when before is 0 and now is not (no finite ratio). */
  changePct: number | null;
  /** Whether lower or higher values are better, from the target; null for reported figures. */
  better: 'lower' | 'higher' | null;
  passBefore: boolean;
  passNow: boolean;
  verdict: Verdict;
  /** The 1-minute load average each was measured under, when the files say. */
  loadBefore?: number;
  loadNow?: number;
}

export interface Comparison {
  changes: FigureChange[];
  /** Figures in the earlier file that this run does not have. */
  onlyBefore: string[];
  /** Figures of this run the earlier file does not have. */
  onlyNow: string[];
}

/** The better direction of a target like "<= 20" or ">= 0.9"; null for "<= Infinity" (reported) or anything else. */
export function betterDirection(target: string): 'lower' | 'higher' | null {
  const m = /^\s*(<=|>=)\s*(\S+)/.exec(target);
  if (!m) return null;
  const bound = Number(m[2]);
  if (!Number.isFinite(bound)) return null;
  return m[1] === '<=' ? 'lower' : 'higher';
}

function changeOf(before: number, now: number): number | null {
  if (before === now) return 0;
  if (before === 0) return null;
  return ((now - before) / Math.abs(before)) * 100;
}

export function compareResults(before: readonly BenchResult[], now: readonly BenchResult[], noisePct = NOISE_PCT) {
  const earlier = new Map(before.map((r) => [r.name, r]));
  const current = new Set(now.map((r) => r.name));
  const changes: FigureChange[] = [];
  for (const r of now) {
    const b = earlier.get(r.name);
    if (!b) continue;
    const changePct = changeOf(b.value, r.value);
    const better = betterDirection(r.target);
    // Positive when it moved the way the target wants; an infinite change (from 0) counts as beyond the noise.
    const gain =
      better === null ? 0 : (changePct ?? (r.value > b.value ? Infinity : -Infinity)) * (better === 'lower' ? -1 : 1);
    let verdict: Verdict;
    if (b.pass && !r.pass) verdict = 'regression';
    else if (!b.pass && r.pass) verdict = 'fixed';
    else if (better === null) verdict = 'reported';
    else if (gain < -noisePct) verdict = 'worse';
    else if (gain > noisePct) verdict = 'better';
    else verdict = 'same';
    changes.push({
      name: r.name,
      unit: r.unit,
      target: r.target,
      before: b.value,
      now: r.value,
      changePct,
      better,
      passBefore: b.pass,
      passNow: r.pass,
      verdict,
      loadBefore: b.load1,
      loadNow: r.load1,
    });
  }
  return {
    changes,
    onlyBefore: before.filter((r) => !current.has(r.name)).map((r) => r.name),
    onlyNow: now.filter((r) => !earlier.has(r.name)).map((r) => r.name),
  } satisfies Comparison;
}

const MARK: Record<Verdict, string> = {
  regression: '!! REGRESSION',
  worse: '!  worse',
  same: '   same',
  better: '   better',
  fixed: '   fixed',
  reported: '   (reported)',
};

const pct = (c: number | null) => (c === null ? 'new non-zero' : `${c > 0 ? '+' : ''}${c.toFixed(1)}%`);

/** The comparison as text: a table (regressions and worse figures marked in the first column), then a summary. */
export function formatComparison(
  c: Comparison,
  beforeLabel: string,
  opts: { noisePct?: number; partial?: string } = {},
): string {
  const noisePct = opts.noisePct ?? NOISE_PCT;
  const header = ['', 'name', 'before', 'now', 'unit', 'change', 'target', 'pass before → now', 'load before → now'];
  const cells = c.changes.map((x) => [
    MARK[x.verdict],
    x.name,
    String(x.before),
    String(x.now),
    x.unit,
    pct(x.changePct),
    `${x.target}${x.better ? ` (${x.better} is better)` : ''}`,
    `${x.passBefore ? 'PASS' : 'FAIL'} → ${x.passNow ? 'PASS' : 'FAIL'}`,
    `${x.loadBefore ?? '?'} → ${x.loadNow ?? '?'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [`Compared with ${beforeLabel} (changes within ±${noisePct}% count as the same):`, ''];
  if (cells.length) out.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line));
  else out.push('(no figure is in both files)');
  const named = (v: Verdict) => c.changes.filter((x) => x.verdict === v).map((x) => x.name);
  const regressions = named('regression');
  const worse = named('worse');
  out.push('');
  out.push(
    regressions.length
      ? `${regressions.length} regression(s), passed before and fail now: ${regressions.join(', ')}`
      : 'no regressions (nothing that passed before fails now)',
  );
  if (worse.length) out.push(`${worse.length} worse by more than ${noisePct}%: ${worse.join(', ')}`);
  const improved = [...named('fixed'), ...named('better')];
  if (improved.length) out.push(`${improved.length} fixed or better: ${improved.join(', ')}`);
  if (c.onlyBefore.length)
    out.push(
      `${opts.partial ? `not measured this run (${opts.partial})` : 'missing from this run'} ` +
        `(only in ${beforeLabel}): ${c.onlyBefore.join(', ')}`,
    );
  if (c.onlyNow.length) out.push(`new in this run (not in ${beforeLabel}): ${c.onlyNow.join(', ')}`);
  return out.join('\n');
}

/** Reads an earlier results.json: an array of results with at least name, value, target and pass. */
export function parseResults(text: string, label: string): BenchResult[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${label} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(data)) throw new Error(`${label} is not a results.json (expected an array of figures)`);
  return data.map((r: unknown, i) => {
    const x = r as Partial<BenchResult> | null;
    if (
      !x ||
      typeof x.name !== 'string' ||
      typeof x.value !== 'number' ||
      typeof x.target !== 'string' ||
      typeof x.pass !== 'boolean'
    )
      throw new Error(`${label}: figure ${i} lacks a name, value, target or pass`);
    return { unit: '', ...x } as BenchResult;
  });
}
