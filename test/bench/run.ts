// `npm run bench`: runs every benchmark, prints the table, writes out/bench/results.json.
// `npm run bench -- --quick` runs small versions to check the suite works (timings not meaningful).
// `npm run bench -- --compare <earlier results.json>` also prints each figure's change against that file.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { compareResults, formatComparison, parseResults } from './compare';
import { printTable, writeResults, type BenchResult } from './results';
import { benches } from './suite';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  // Read before the run: the earlier file may be out/bench/results.json itself, which the run overwrites.
  const compareWith = compareArg(process.argv);
  const earlier = compareWith ? parseResults(readFileSync(compareWith, 'utf8'), compareWith) : null;
  const rows: BenchResult[] = [];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
  process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load()}\n`);
  for (const bench of benches) {
    if (only && !bench.name.includes(only)) continue;
    process.stdout.write(`running ${bench.name}${quick ? ' (quick)' : ''}…\n`);
    const got = await bench.run({ quick });
    // Figures on a shared machine are only as good as its load: each says what it was.
    const load1 = Math.round(loadavg()[0]! * 100) / 100;
    rows.push(...got.map((r) => ({ ...r, load1 })));
  }
  process.stdout.write(`load average at the end: ${load()}\n`);
  process.stdout.write('\n' + printTable(rows) + '\n');
  writeResults('out/bench/results.json', rows);
  const failed = rows.filter((r) => !r.pass);
  process.stdout.write(
    `\n${rows.length - failed.length} of ${rows.length} targets met${
      quick ? ' (quick mode: timings not meaningful)' : ''
    }\n`,
  );
  if (earlier && compareWith) {
    const c = compareResults(earlier, rows);
    const partial = only ? `--only=${only} ran part of the suite` : undefined;
    process.stdout.write('\n' + formatComparison(c, compareWith, { partial }) + '\n');
  }
  if (!quick && failed.length) process.exitCode = 1;
}

/** `--compare file` or `--compare=file`. */
function compareArg(argv: string[]): string | null {
  const i = argv.indexOf('--compare');
  if (i >= 0) {
    const file = argv[i + 1];
    if (!file || file.startsWith('--')) throw new Error('--compare needs the earlier results.json after it');
    return file;
  }
  return argv.find((a) => a.startsWith('--compare='))?.slice('--compare='.length) ?? null;
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
