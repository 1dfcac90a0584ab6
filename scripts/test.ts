// `npm test`: every check in order, then one summary line over both test runners.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const results = 'out/test-summary'; // not Playwright's outputDir, which it empties on start
mkdirSync(results, { recursive: true });

interface Step {
  name: string;
  cmd: string[];
  env?: Record<string, string>;
}
const steps: Step[] = [
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'import cycles (dpdm)', cmd: ['npx', 'tsx', 'scripts/checkCycles.ts'] },
  { name: 'format (prettier --check, 120 columns)', cmd: ['npx', 'tsx', 'scripts/checkFormat.ts'] },
  { name: 'security gate (Electronegativity)', cmd: ['npx', 'tsx', 'scripts/security-gate.ts'] },
  { name: 'npm audit (runtime deps)', cmd: ['npx', 'tsx', 'scripts/audit.ts'] },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  {
    name: 'unit, integration and renderer tests (Vitest)',
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`],
  },
  {
    name: 'end-to-end tests (Playwright + Chromium)',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json` },
  },
];

const failedSteps: string[] = [];
for (const step of steps) {
  process.stdout.write(`\n== ${step.name}\n`);
  const r = spawnSync(step.cmd[0]!, step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (r.status !== 0) {
    failedSteps.push(step.name);
    if (step.name === 'build' || step.name === 'lint' || step.name === 'typecheck') break;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
const vitest = readJson(`${results}/vitest.json`) as
  { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | undefined;
const pw = readJson(`${results}/playwright.json`) as
  { stats: { expected: number; unexpected: number; skipped: number; flaky: number } } | undefined;

const passed = (vitest?.numPassedTests ?? 0) + (pw ? pw.stats.expected + pw.stats.flaky : 0);
const failed = (vitest?.numFailedTests ?? 0) + (pw?.stats.unexpected ?? 0);
const skipped = (vitest ? vitest.numPendingTests + vitest.numTodoTests : 0) + (pw?.stats.skipped ?? 0);

process.stdout.write('\n');
if (failedSteps.length) process.stdout.write(`failed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`conn: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
