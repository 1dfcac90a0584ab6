// Where the vendors' own documents live, and the verbatim examples of API-CONTRACTS.md, for tests that check Conn
// against the vendors rather than our simulators. The files are kept unmodified in test/contract/vendor-docs (copied
// from the shared design folder, ../shared/specs, so a clean clone has them; vendorDocs.test.ts fails if they drift).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/** The shared design folder's copy beside the checkout, when there is one (to compare against). */
export const sharedSpecsBeside = path.resolve(repoRoot, '..', 'shared', 'specs');

/** The vendors' documents: test/contract/vendor-docs (CONN_SHARED_SPECS overrides); fails loudly when missing. */
export function sharedSpecsDir(): string {
  const dir = process.env.CONN_SHARED_SPECS ?? path.join(here, 'vendor-docs');
  if (!existsSync(path.join(dir, 'API-CONTRACTS.md')))
    throw new Error(`The vendors' documents are not at ${dir} (set CONN_SHARED_SPECS to the folder that has them).`);
  return dir;
}

export const vendorFile = (name: string): string => path.join(sharedSpecsDir(), name);

/** The first ```json block after the heading that starts with `heading` (e.g. '#### 3.6.3'), parsed as written. */
export function contractExample(heading: string): unknown {
  const md = readFileSync(vendorFile('API-CONTRACTS.md'), 'utf8');
  const at = md.split('\n').findIndex((l) => l.startsWith(heading));
  if (at < 0) throw new Error(`API-CONTRACTS.md has no heading starting with ${heading}`);
  const rest = md
    .split('\n')
    .slice(at + 1)
    .join('\n');
  const m = /```json\n([\s\S]*?)\n```/.exec(rest);
  if (!m) throw new Error(`API-CONTRACTS.md has no json example after ${heading}`);
  // The document marks elided parts with /* … */ comments (e.g. `"conversations": [ /* only with include= */ ]`).
  return JSON.parse(m[1]!.replace(/\/\*[\s\S]*?\*\//g, ''));
}
