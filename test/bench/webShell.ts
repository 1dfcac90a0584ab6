// Starting the web shell for benchmarks: build the renderer if missing, serve a copy of the fixture, call its API.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { serve, type Served } from '../e2e/serve';
import { copyFixture, type Fixture } from './fixture';
import { benchTemp } from './harness';

export function ensureRendererBuilt(): void {
  if (existsSync('out/renderer/index.html') && !process.argv.includes('--build')) return;
  process.stdout.write('  building the renderer (npx electron-vite build)…\n');
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
}

/** `npm run serve`'s command on a fresh copy of the fixture; stop() also removes the copy. */
export async function serveFixture(fx: Fixture): Promise<Served & { copyMs: number; dispose(): Promise<void> }> {
  ensureRendererBuilt();
  const dir = benchTemp('serve-');
  const t = performance.now();
  copyFixture(fx, dir.path);
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
