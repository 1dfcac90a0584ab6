// Finding and loading the built-in runbooks shipped as JSON in resources/runbooks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runbookSchema, type Runbook } from '../../../shared/runbook';
import { issuesOf } from '../validation';

/**
 * The resources folder, found by walking up from this module: that works from the sources under tsx
 * and vitest (src/main/core/services) and from the electron-vite bundle (out/main). A packaged app
 * should pass its own (process.resourcesPath) through CoreOptions.resourcesDir.
 */
export function defaultResourcesDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'runbooks'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Conn's resources folder (with runbooks/) was not found above ${from}`);
}

/** Every *.json in <resourcesDir>/runbooks, validated. A broken built-in is a bug: fail loudly, naming it. */
export function loadBuiltInRunbooks(resourcesDir: string): Runbook[] {
  const dir = join(resourcesDir, 'runbooks');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const out = files.map((f) => {
    const parsed = runbookSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!parsed.success) {
      const why = issuesOf(parsed.error)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ');
      throw new Error(`built-in runbook ${f} is invalid: ${why}`);
    }
    return parsed.data;
  });
  // The default comes first: it is what a new incident uses.
  return out.sort((a, b) => (a.id === 'default' ? -1 : b.id === 'default' ? 1 : a.name.localeCompare(b.name)));
}
