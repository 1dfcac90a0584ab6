// `npm run bench`: runs every benchmark, prints the table, writes out/bench/results.json.
// `npm run bench -- --quick` runs small versions to check the suite works (timings not meaningful).
import { printTable, writeResults, type BenchResult } from './results';
import { benches } from './suite';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
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
  if (!quick && failed.length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
