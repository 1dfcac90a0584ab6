// Shared plumbing for benchmarks: temp folders on the real disk, a core on a copy of the fixture, timing.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCore, type Core } from '../../src/main/core';
import { benchDir, copyFixture, fixture, fullFixture, quickFixture, type Fixture } from './fixture';
import { nowMs, summarize, type Summary } from './stats';

/** A temp folder under out/bench/tmp (the same disk as real data, unlike a tmpfs /tmp). */
export function benchTemp(prefix: string): { path: string; cleanup(): void } {
  const root = join(benchDir, 'tmp');
  mkdirSync(root, { recursive: true });
  const path = mkdtempSync(join(root, prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export const fixtureFor = (quick: boolean): Promise<Fixture> => fixture(quick ? quickFixture : fullFixture);

/** A core (system clock) on a fresh copy of the fixture database. */
export async function coreOnFixture(quick: boolean, prefix: string) {
  const fx = await fixtureFor(quick);
  const dir = benchTemp(prefix);
  copyFixture(fx, dir.path);
  const core = createCore({ dataDir: dir.path });
  return {
    core,
    fx,
    dataDir: dir.path,
    cleanup() {
      core.close();
      dir.cleanup();
    },
  };
}

/** Calls an operation through the core's single entry point and fails loudly on an error answer. */
export async function call<T>(core: Core, op: string, input: unknown): Promise<T> {
  const res = await core.invoke(op, input);
  if (!res.ok) throw new Error(`${op}: ${res.error.message}`);
  return res.value as T;
}

export async function timed(fn: () => unknown): Promise<number> {
  const t = nowMs();
  await fn();
  return nowMs() - t;
}

export const spreadOf = (s: Summary, unit = 'ms') =>
  `IQR ${s.iqr.toFixed(3)} ${unit} (n=${s.n}, min ${s.min.toFixed(3)}, max ${s.max.toFixed(3)})`;

/** Median of per-run values, and their spread as min–max. */
export function runsSummary(values: number[]): { median: number; spread: string; s: Summary } {
  const s = summarize(values);
  return { median: s.median, s, spread: `runs ${values.map((v) => v.toFixed(1)).join(', ')}` };
}

let gcFn: (() => void) | undefined;
/**
 * A full garbage collection before a memory reading. `global.gc` exists only under --expose-gc, which `npm run bench`
 * (tsx) does not pass, so the benches' `global.gc?.()` did nothing: the flag is set here and gc taken from a context.
 */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = (global.gc as (() => void) | undefined) ?? (runInNewContext('gc') as () => void);
  }
  gcFn();
}
