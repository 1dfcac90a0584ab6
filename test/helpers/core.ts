// A real core on a real SQLite file in a temp folder, with a controllable clock.
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import type { Clock } from '../../src/main/core/ports';
import { tempDir } from './tempDir';

export interface FakeClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)): FakeClock {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function testCore(opts: { dataDir?: string; clock?: FakeClock } = {}) {
  const dir = opts.dataDir ? { path: opts.dataDir, cleanup() {} } : tempDir();
  const clock = opts.clock ?? fakeClock();
  const core: Core = createCore({ dataDir: dir.path, clock });
  return {
    core,
    clock,
    dataDir: dir.path,
    cleanup() {
      core.close();
      dir.cleanup();
    },
  };
}

/** Calls an operation through the core's invoke and returns its value, or throws with the error's code and message. */
export const callOf =
  (core: Core) =>
  async <T>(op: string, input: unknown): Promise<T> => {
    const res = await core.invoke(op, input);
    if (!res.ok) throw new Error(`${op}: ${res.error.code} ${res.error.message}`);
    return res.value as T;
  };

/** `make`, with everything it made cleaned up after each test of the file or describe block that calls this. */
export function cleanAfterEach<A extends unknown[], T extends { cleanup(): void }>(
  make: (...args: A) => T,
): (...args: A) => T {
  const open: T[] = [];
  afterEach(() => open.splice(0).forEach((c) => c.cleanup()));
  return (...args) => {
    const made = make(...args);
    open.push(made);
    return made;
  };
}
