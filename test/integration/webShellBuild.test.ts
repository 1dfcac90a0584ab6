// The bundled web shell `npm run serve` runs: what it loads at start, when it counts as stale, and that it starts.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebShell, root, staleReason } from '../../scripts/webShellBuild.mjs';
import { SERVE_ARGS } from '../e2e/serve';
import { tempDir } from '../helpers/tempDir';
import { tokenOf } from '../helpers/http';
import { openDatabase } from '../../src/main/core/db/open';
import { migrations } from '../../src/main/core/db/migrations';

// Inside the repository, like out/web: the bundle finds node_modules and resources/ by walking up.
const dir = join(root, 'out', `web-test-${process.pid}`);
let built: Awaited<ReturnType<typeof buildWebShell>>;

beforeAll(async () => {
  built = await buildWebShell(dir);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Packages the entry loads before its first line runs: its static imports, and its static chunks' imports. */
function loadedAtStart(): Set<string> {
  const outputs = built.metafile.outputs;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const imp of outputs[out]?.imports ?? []) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) packages.add(imp.path.replace(/^(@[^/]+\/[^/]+|[^/]+).*$/, '$1'));
      else visit(imp.path);
    }
  };
  visit(relative(root, join(dir, 'cli.js')));
  return packages;
}

describe('the web shell bundle', () => {
  it('is what `npm run serve` runs, and what the end-to-end tests and benchmarks spawn', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toBe(['node', ...SERVE_ARGS].join(' '));
  });

  it('loads SQLite at start, and the Slack SDK and React only when first used', () => {
    const atStart = loadedAtStart();
    expect(atStart.has('better-sqlite3')).toBe(true);
    for (const lazy of ['@slack/web-api', 'react', 'react-dom', 'react-markdown'])
      expect(atStart.has(lazy), lazy).toBe(false);
    const dynamic = Object.values(built.metafile.outputs).flatMap((o) =>
      o.imports.filter((i) => i.kind === 'dynamic-import' && i.external),
    );
    expect(dynamic.map((i) => i.path)).toContain('@slack/web-api');
    // zod is inlined (one file instead of ~100 modules), so it is not an external import anywhere.
    expect(
      Object.values(built.metafile.outputs).some((o) => o.imports.some((i) => i.external && i.path.startsWith('zod'))),
    ).toBe(false);
  });

  it('is up to date right after a build, and stale when a source changed or went away', () => {
    expect(staleReason(dir)).toBeNull();
    const manifestFile = join(dir, 'inputs.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { builtAt: number; inputs: string[] };
    expect(manifest.inputs).toContain('src/main/web/cli.ts');
    expect(manifest.inputs.some((p) => p.includes('node_modules'))).toBe(false);
    try {
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, builtAt: 0 }));
      expect(staleReason(dir)).toMatch(/changed since the last build/);
      writeFileSync(
        manifestFile,
        JSON.stringify({ ...manifest, inputs: [...manifest.inputs, 'src/main/web/gone.ts'] }),
      );
      expect(staleReason(dir)).toBe('src/main/web/gone.ts is gone since the last build');
      writeFileSync(manifestFile, '{');
      expect(staleReason(dir)).toMatch(/no readable list/);
    } finally {
      writeFileSync(manifestFile, JSON.stringify(manifest));
    }
    expect(staleReason(join(dir, 'nothing-here'))).toBe('the web shell is not built yet');
  });

  it('starts with plain node and prints the ready line, after saying it upgrades an older database', async () => {
    const data = tempDir('conn-webbuild-');
    const renderer = join(data.path, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Conn</title>');
    // A database left by an older Conn: two schema steps behind.
    mkdirSync(join(data.path, 'data'), { mode: 0o700 });
    const old = migrations.length - 2;
    openDatabase(join(data.path, 'data', 'conn.sqlite'), { migrations: migrations.slice(0, old) }).close();
    let err = '';
    const child = spawn(process.execPath, [join(dir, 'cli.js')], {
      env: { ...process.env, CONN_DATA_DIR: join(data.path, 'data'), CONN_RENDERER_DIR: renderer },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /^Conn is ready at (\S+)$/m.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      expect(err).toContain(`Upgrading Conn's database in ${join(data.path, 'data')} from schema ${old} to ${old + 2}`);
      const token = tokenOf(url);
      const res = await fetch(new URL('/api/operations', url), { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { ok: boolean; value: Array<{ name: string; input: unknown }> };
      expect(body.ok).toBe(true);
      expect(body.value.find((o) => o.name === 'incidents.list')?.input).toMatchObject({ type: 'object' });
    } finally {
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined);
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      data.cleanup();
    }
  }, 60_000);
});
