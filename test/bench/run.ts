// `npm run bench`: runs every benchmark, prints the table, writes out/bench/results.json.
// `npm run bench -- --quick` runs small versions to check the suite works (timings not meaningful).
// `npm run bench -- --compare <earlier results.json>` also prints each figure's change against that file.
import { readFileSync } from 'node:fs';
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
  for (const bench of benches) {
    if (only && !bench.name.includes(only)) continue;
    process.stdout.write(`running ${bench.name}${quick ? ' (quick)' : ''}…\n`);
    rows.push(...(await bench.run({ quick })));
  }
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
