// Bundles the web shell (src/main/web/cli.ts) into out/web/ with esbuild, and tells whether that bundle is stale.
// Plain JavaScript on purpose: `npm run serve` runs it with node alone, so start-up never pays for a TypeScript loader.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'out', 'web');
export const entryFile = join(outDir, 'cli.js');
const thisFile = fileURLToPath(import.meta.url);
/** Besides the sources esbuild read: what else decides the bundle's contents. */
const buildFiles = [relative(root, thisFile), 'package.json', 'package-lock.json'];
/** When the last build started and which source files it read (from esbuild's metafile), for the staleness check. */
const manifestName = 'inputs.json';

/**
 * Why the bundle in `dir` must be rebuilt, or null when it is up to date: it is missing, or one of the files it was
 * built from (or this script, package.json, the lock file) changed or disappeared since that build started. A new
 * import always changes a file already in the list, so new source files are caught too.
 */
export function staleReason(dir = outDir) {
  if (!existsSync(join(dir, 'cli.js'))) return 'the web shell is not built yet';
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, manifestName), 'utf8'));
  } catch {
    return 'the last build left no readable list of its sources';
  }
  if (typeof manifest?.builtAt !== 'number' || !Array.isArray(manifest.inputs))
    return 'the last build left no readable list of its sources';
  for (const rel of [...manifest.inputs, ...buildFiles]) {
    const st = statSync(join(root, rel), { throwIfNoEntry: false });
    if (!st) {
      if (rel === 'package-lock.json') continue;
      return `${rel} is gone since the last build`;
    }
    if (st.mtimeMs > manifest.builtAt) return `${rel} changed since the last build`;
  }
  return null;
}

/** Writes through a temporary name then renames, so a concurrent reader never sees half a file. */
function writeAtomically(file, contents) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/**
 * One ESM bundle for Node 20 with zod and our sources inlined (one file to load instead of hundreds). Packages that
 * are native (better-sqlite3) or only needed later (@slack/web-api, React for report HTML) stay external; code behind
 * a dynamic import() goes into its own chunk, loaded when first used.
 */
export async function buildWebShell(dir = outDir) {
  const builtAt = Date.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/main/web/cli.ts' },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: externalPackages(),
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  // Chunks first, the entry last: a process starting during a rebuild finds either the old entry or a complete new one.
  const entry = join(dir, 'cli.js');
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === entry) - Number(b.path === entry));
  for (const f of files) writeAtomically(f.path, f.contents);
  // Chunks of earlier builds (their names carry a content hash) are no longer referenced.
  const chunksDir = join(dir, 'chunks');
  const current = new Set(files.map((f) => f.path));
  for (const name of existsSync(chunksDir) ? readdirSync(chunksDir) : []) {
    if (!current.has(join(chunksDir, name))) rmSync(join(chunksDir, name), { force: true });
  }
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.split('/').includes('node_modules'));
  writeAtomically(join(dir, manifestName), JSON.stringify({ builtAt, inputs: inputs.sort() }, null, 1));
  return { files: files.length, inputs: inputs.length, metafile: result.metafile };
}

/** Every package in package.json except zod: pure JavaScript in ~100 small modules, inlined it loads as one file. */
function externalPackages() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => n !== 'zod');
  return names.flatMap((n) => [n, `${n}/*`]);
}

/** Builds when stale, saying so on the console (stderr: stdout carries the ready line). */
export async function ensureWebShellBuilt(say = (line) => process.stderr.write(`[conn] ${line}\n`)) {
  const reason = staleReason();
  if (!reason) return false;
  say(`building the web shell into out/web (${reason})…`);
  const t = performance.now();
  const built = await buildWebShell();
  say(`built the web shell from ${built.inputs} source files in ${Math.round(performance.now() - t)} ms.`);
  return true;
}

// `node scripts/webShellBuild.mjs` (part of `npm run build`): build now, whatever the staleness check says.
if (process.argv[1] && resolve(process.argv[1]) === thisFile) {
  const built = await buildWebShell();
  process.stdout.write(`web shell: out/web/cli.js from ${built.inputs} source files\n`);
}
