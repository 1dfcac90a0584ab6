// Benchmark results: the printed table and out/bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  baseline?: number;
  ratio?: number;
  /** Required from result(): every figure says how much it varied (IQR, runs, p99…). */
  spread?: string;
  note?: string;
  /** The machine's 1-minute load average when the figure's benchmark finished (run.ts fills it in). */
  load1?: number;
}

/** `cmp` is '<=' or '>=': how value relates to the target for a pass. */
export function result(
  name: string,
  value: number,
  unit: string,
  cmp: '<=' | '>=',
  target: number,
  extra: Partial<BenchResult> & { spread: string },
): BenchResult {
  const pass = cmp === '<=' ? value <= target : value >= target;
  return { name, value: round(value), unit, target: `${cmp} ${target}`, pass, ...extra };
}

export const round = (v: number) => Math.round(v * 1000) / 1000;

export function printTable(rows: BenchResult[]): string {
  const header = ['name', 'value', 'unit', 'target', 'pass', 'baseline', 'ratio', 'load', 'spread'];
  const cells = rows.map((r) => [
    r.name,
    String(r.value),
    r.unit,
    r.target,
    r.pass ? 'PASS' : 'FAIL',
    r.baseline === undefined ? '' : String(r.baseline),
    r.ratio === undefined ? '' : String(r.ratio),
    r.load1 === undefined ? '' : String(r.load1),
    r.spread ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function writeResults(file: string, rows: BenchResult[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(rows, null, 2) + '\n');
}
