// A simulator of JupyterHubs for the hub registry and health probes: serves a deployment repository's registry
// (config/clusters/<cluster>/cluster.yaml) and each hub's /hub/health under /hubs/<domain>/, whose state the
// control API flips: up (200), down (503), slow (200 after a delay) or hang (never answers).
// Conn reaches it with CONN_HUB_PROBE_URL=<url>/hubs; /reference stands in for the reference check.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRepository } from '../../src/main/core/registry/parse';

export type HubSimState = 'up' | 'down' | 'slow' | 'hang';
const STATES: readonly HubSimState[] = ['up', 'down', 'slow', 'hang'];

export interface HubSimulator {
  url: string;
  /** Base for CONN_HUB_PROBE_URL. */
  probeBase: string;
  referenceUrl: string;
  /** The deployment repository folder (for registry.import { folder }). */
  registryDir: string;
  files: { path: string; text: string }[];
  /** Every hub's domain by id ('<cluster>/<name>'). */
  hubs: Map<string, { domain: string; cluster: string }>;
  set(target: { hubIds?: string[]; cluster?: string; domains?: string[] }, state: HubSimState): number;
  setReference(up: boolean): void;
  /** Health requests per domain since start. */
  probes(domain: string): number;
  close(): Promise<void>;
}

export const DEFAULT_REGISTRY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/registry');

function readFiles(dir: string) {
  const clusters = join(dir, 'config', 'clusters');
  return readdirSync(clusters)
    .sort()
    .map((c) => ({
      path: `config/clusters/${c}/cluster.yaml`,
      text: readFileSync(join(clusters, c, 'cluster.yaml'), 'utf8'),
    }));
}

export async function startHubSimulator(opts: { registryDir?: string; slowMs?: number } = {}): Promise<HubSimulator> {
  const registryDir = opts.registryDir ?? DEFAULT_REGISTRY_DIR;
  const files = readFiles(registryDir);
  const hubs = new Map<string, { domain: string; cluster: string }>();
  for (const c of parseRepository(files))
    for (const h of c.hubs) hubs.set(`${c.name}/${h.name}`, { domain: h.domain, cluster: c.name });
  const state = new Map<string, HubSimState>([...hubs.values()].map((h) => [h.domain, 'up']));
  const counts = new Map<string, number>();
  let referenceUp = true;
  const sockets = new Set<Socket>();
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const sim = {} as HubSimulator;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const health = /^\/hubs\/([^/]+)\/hub\/health$/.exec(url.pathname);
      if (req.method === 'GET' && health) {
        const domain = decodeURIComponent(health[1]!);
        const s = state.get(domain);
        if (!s) return json(res, 404, { error: 'no such hub' });
        counts.set(domain, (counts.get(domain) ?? 0) + 1);
        if (s === 'hang') return; // never answers: the probe's timeout must end it
        if (s === 'down') return json(res, 503, { error: 'hub is down' });
        if (s === 'slow') return void setTimeout(() => json(res, 200, {}), opts.slowMs ?? 2000);
        return json(res, 200, {});
      }
      if (req.method === 'GET' && url.pathname === '/reference') return json(res, referenceUp ? 200 : 503, {});
      if (req.method === 'GET' && url.pathname === '/registry') return json(res, 200, { files });
      if (url.pathname === '/_control/hubs') {
        if (req.method === 'GET')
          return json(res, 200, { hubs: Object.fromEntries(state), probes: Object.fromEntries(counts), referenceUp });
        if (req.method === 'POST') {
          let body: { hubIds?: string[]; cluster?: string; domains?: string[]; state?: string } = {};
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof body;
          } catch {
            return json(res, 400, { error: 'body must be JSON' });
          }
          if (!STATES.includes(body.state as HubSimState))
            return json(res, 400, { error: 'state must be up, down, slow or hang' });
          return json(res, 200, { changed: sim.set(body, body.state as HubSimState) });
        }
      }
      if (req.method === 'POST' && url.pathname === '/_control/reference') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { up?: boolean };
        sim.setReference(body.up !== false);
        return json(res, 200, { referenceUp });
      }
      json(res, 404, { error: `no route ${req.method} ${url.pathname}` });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(sim, {
    url: origin,
    probeBase: `${origin}/hubs`,
    referenceUrl: `${origin}/reference`,
    registryDir,
    files,
    hubs,
    set(target: { hubIds?: string[]; cluster?: string; domains?: string[] }, s: HubSimState) {
      const domains = new Set(target.domains ?? []);
      for (const [id, h] of hubs)
        if (target.hubIds?.includes(id) || target.cluster === h.cluster) domains.add(h.domain);
      for (const d of domains) if (state.has(d)) state.set(d, s);
      return domains.size;
    },
    setReference(up: boolean) {
      referenceUp = up;
    },
    probes: (domain: string) => counts.get(domain) ?? 0,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  } satisfies HubSimulator);
  return sim;
}
