// Starting the web shell for benchmarks: build the renderer if missing or stale, serve a copy of the fixture,
// call its API.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE_NAME } from '../../src/main/core';
import { serve, type Served } from '../e2e/serve';
import { copyFixture, type Fixture } from './fixture';
import { benchTemp } from './harness';

/** The newest modification time of a file under `dir`. */
function newestIn(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** A build older than any source the page is made of measures code that is gone, so it is built again. */
export function ensureRendererBuilt(): void {
  const built = 'out/renderer/index.html';
  const fresh =
    existsSync(built) &&
    statSync(built).mtimeMs >= Math.max(...['src/renderer', 'src/shared', 'src/preload'].map(newestIn));
  if (fresh && !process.argv.includes('--build')) return;
  process.stdout.write('  building the renderer (npx electron-vite build)…\n');
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
}

/**
 * `npm run serve`'s command on a fresh copy of the fixture; stop() also removes the copy. `sync`: the copy is flushed
 * to disk before the start (counted in copyMs), so writing back a big copy does not compete with the start itself.
 */
export async function serveFixture(
  fx: Fixture,
  opts: { sync?: boolean } = {},
): Promise<Served & { copyMs: number; dispose(): Promise<void> }> {
  ensureRendererBuilt();
  const dir = benchTemp('serve-');
  const t = performance.now();
  copyFixture(fx, dir.path);
  if (opts.sync) {
    const fd = openSync(join(dir.path, DB_FILE_NAME), 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  const copyMs = performance.now() - t;
  const s = await serve({}, dir.path);
  return {
    ...s,
    copyMs,
    async dispose() {
      await s.stop();
      dir.cleanup();
    },
  };
}

/** Calls an operation on the served shell (Served.call: the session token, error answers thrown). */
export const api = <T>(s: Served, op: string, input: unknown): Promise<T> => s.call<T>(op, input);

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}
