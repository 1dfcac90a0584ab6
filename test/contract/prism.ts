// Starts Stoplight Prism (an independent mock server built from the vendor's own OpenAPI file) on 127.0.0.1 at a free
// port, and a fetch that asks it for seeded dynamic answers and records every request validation problem it reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyDeviations, githubAnswerType, type SpecVendor } from './deviations';
import { vendorFile } from './vendorDocs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const prismCli = path.join(repoRoot, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');

export const VENDOR_FILES: Record<SpecVendor, string> = {
  pagerduty: 'pagerduty-rest-openapiv3.json',
  slack: 'slack-web-openapi-v2.json',
  // GitHub's own description, trimmed to these paths (scripts/trim-vendor-specs.ts --github): the whole is 13 MB.
  github: 'github-api.trimmed.json',
};

/**
 * The operations Conn calls. Only these paths are mocked (the schemas they use are kept whole): Prism starts in
 * seconds instead of a minute on the full files. Any call outside them is answered 404 by Prism and fails the suite.
 */
export const CALLED_PATHS: Record<SpecVendor, readonly string[]> = {
  pagerduty: [
    '/users/me',
    '/users',
    '/services',
    '/priorities',
    '/incidents',
    '/incidents/{id}',
    '/incidents/{id}/notes',
    '/incidents/{id}/status_updates',
    '/incidents/{id}/log_entries',
  ],
  slack: [
    '/auth.test',
    '/conversations.create',
    '/conversations.invite',
    '/chat.postMessage',
    '/conversations.history',
    '/conversations.replies',
    '/chat.getPermalink',
    '/users.lookupByEmail',
    '/conversations.list',
    '/conversations.info',
  ],
  github: [
    '/user',
    '/repos/{owner}/{repo}',
    '/repos/{owner}/{repo}/issues',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    '/repos/{owner}/{repo}/pulls',
    '/repos/{owner}/{repo}/pulls/{pull_number}',
    '/repos/{owner}/{repo}/git/ref/{ref}',
    '/repos/{owner}/{repo}/git/refs',
    '/repos/{owner}/{repo}/git/refs/{ref}',
    '/repos/{owner}/{repo}/contents/{path}',
  ],
};

/** A temporary copy of the vendor file: the called paths only, with the named deviations applied. */
export function preparedSpec(vendor: SpecVendor, dir: string): { file: string; applied: string[] } {
  const spec = JSON.parse(readFileSync(vendorFile(VENDOR_FILES[vendor]), 'utf8')) as { paths: Record<string, unknown> };
  const paths: Record<string, unknown> = {};
  for (const p of CALLED_PATHS[vendor]) {
    if (!spec.paths[p]) throw new Error(`${VENDOR_FILES[vendor]} has no path ${p}`);
    paths[p] = spec.paths[p];
  }
  spec.paths = paths;
  dropUnreferenced(spec as unknown as Record<string, unknown>);
  const applied = applyDeviations(spec, vendor);
  // Prism's generator settings (its documented `x-json-schema-faker` extension), not a change to the vendor's schemas:
  // optional fields are left out half the time (Conn must cope with every optional field missing), lists stay short.
  (spec as Record<string, unknown>)['x-json-schema-faker'] = {
    alwaysFakeOptionals: false,
    optionalsProbability: 0.5,
    maxItems: 3,
    refDepthMax: 2,
  };
  const file = path.join(dir, `${vendor}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return { file, applied };
}

/**
 * Leaves out the components (OpenAPI 3) or definitions/parameters/responses (Swagger 2) that no kept path reaches
 * through `$ref`: the schemas Conn's calls use stay exactly as written, and Prism no longer carries the other
 * megabytes into every generated answer.
 */
function dropUnreferenced(spec: Record<string, unknown>): void {
  const lookup = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>(
        (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
        spec,
      );
  const kept = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/') && !kept.has(v)) {
        kept.add(v);
        // A pointer may reach inside another component (`#/components/responses/Conflict/content/…`): keep that whole.
        const parts = v.split('/');
        kept.add(parts.slice(0, parts[1] === 'components' ? 4 : 3).join('/'));
        visit(lookup(v));
      } else visit(v);
    }
  };
  visit(spec.paths);
  visit(spec.security);
  const prune = (section: string) => {
    const holder = spec[section];
    if (!holder || typeof holder !== 'object') return;
    for (const group of Object.keys(holder)) {
      const items = (holder as Record<string, unknown>)[group];
      if (!items || typeof items !== 'object' || group === 'securitySchemes') continue;
      for (const name of Object.keys(items))
        if (!kept.has(`#/${section}/${group}/${name}`)) delete (items as Record<string, unknown>)[name];
    }
  };
  prune('components');
  for (const section of ['definitions', 'parameters', 'responses']) {
    const items = spec[section];
    if (!items || typeof items !== 'object') continue;
    for (const name of Object.keys(items))
      if (!kept.has(`#/${section}/${name}`)) delete (items as Record<string, unknown>)[name];
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Violation {
  url: string;
  method: string;
  violations: unknown[];
}

export interface PrismMock {
  /** The mock's base URL (PagerDuty base, or Slack's `…/api/`-equivalent root). */
  url: string;
  applied: string[];
  /** fetch that asks for a dynamic answer with this run's seed and records Prism's request validation problems. */
  fetchWithSeed(seed: string): typeof globalThis.fetch;
  violations: Violation[];
  /** Requests sent, as `METHOD path`. */
  calls: string[];
  stop(): Promise<void>;
}

export async function startPrism(vendor: SpecVendor, startTimeoutMs = 90_000): Promise<PrismMock> {
  const dir = mkdtempSync(path.join(tmpdir(), `conn-prism-${vendor}-`));
  const { file, applied } = preparedSpec(vendor, dir);
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [prismCli, 'mock', '-h', '127.0.0.1', '-p', String(port), '--errors', 'false', '-v', 'warn', file],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code ?? -1;
      resolve();
    }),
  );
  // Keep draining its output (warnings and errors only) so the pipe never fills; the tail explains a failed start.
  const keep = (b: Buffer) => (log = (log + b.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // Ready when it answers HTTP at all (an unknown path gets Prism's 404).
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exitCode !== null) throw new Error(`Prism (${vendor}) exited with ${exitCode}:\n${log}`);
    const up = await fetch(`http://127.0.0.1:${port}/__conn_ready`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`Prism (${vendor}) did not start in ${startTimeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const base = `http://127.0.0.1:${port}`;
  const violations: Violation[] = [];
  const calls: string[] = [];
  return {
    url: base,
    applied,
    violations,
    calls,
    fetchWithSeed(seed) {
      return async (input, init) => {
        const req = new Request(input, init);
        const headers = new Headers(req.headers);
        headers.set('Prefer', `dynamic=true, seed=${seed}`);
        const res = await fetch(new Request(req, { headers }));
        const u = new URL(req.url);
        calls.push(`${req.method} ${u.pathname}`);
        const v = res.headers.get('sl-violations');
        if (v) {
          // Prism also reports problems of its own generated answer ("response"); only "request" ones are ours. A long
          // list arrives cut short after "Too many violations!": then any request location in it counts.
          const cut = v.startsWith('Too many violations!');
          const list = cut
            ? v.includes('"location":["request"')
              ? [v.slice(0, 2000)]
              : []
            : (JSON.parse(v) as Array<{ location?: string[] }>).filter((x) => (x.location ?? [])[0] === 'request');
          if (list.length) violations.push({ url: req.url, method: req.method, violations: list });
        }
        const relabel = vendor === 'github' ? githubAnswerType(res.headers.get('content-type')) : null;
        if (relabel) {
          const h = new Headers(res.headers);
          h.set('content-type', relabel);
          return new Response(res.status === 204 || res.status === 304 ? null : await res.arrayBuffer(), {
            status: res.status,
            statusText: res.statusText,
            headers: h,
          });
        }
        return res;
      };
    },
    async stop() {
      if (exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
