// `npm run check:format`: Prettier's check over src/ and test/, then the 120-column limit, which Prettier does not
// enforce on what it will not break (comments, long strings, template literals). Fails on either.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MAX_COLUMNS = 120;
const roots = ['src', 'test'];
const checked = /\.(ts|tsx|mts|cts|js|mjs|css)$/;

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (checked.test(e.name)) yield p;
  }
}

/** Lines wider than the limit, as "file:line (width)"; width counts characters, not UTF-16 units. */
export function tooWide(text: string, file: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const width = [...line].length;
    if (width > MAX_COLUMNS) out.push(`${file}:${i + 1} (${width})`);
  });
  return out;
}

function main(): number {
  const prettier = spawnSync('npx', ['prettier', '--check', ...roots], { stdio: 'inherit' });
  const wide = roots.flatMap((r) => [...files(r)].flatMap((f) => tooWide(readFileSync(f, 'utf8'), f)));
  if (wide.length > 0) {
    process.stderr.write(`check:format: ${wide.length} line(s) over ${MAX_COLUMNS} columns:\n`);
    for (const w of wide.slice(0, 50)) process.stderr.write(`  ${w}\n`);
    if (wide.length > 50) process.stderr.write(`  … and ${wide.length - 50} more\n`);
  }
  return prettier.status === 0 && wide.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
