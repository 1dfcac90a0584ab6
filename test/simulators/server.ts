// One node:http server for the three vendor simulators (real paths under /pagerduty, /freshdesk, /slack) plus
// /_control.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { freshdeskHandler, newFdState, type FdState } from './freshdesk';
import { githubHandler, newGhState, type GhState } from './github';
import { newPdState, pagerdutyHandler, type PdState } from './pagerduty';
import { SIM_FROM_EMAIL, SIM_TOKENS, seedFreshdesk, seedGitHub, seedPagerDuty, seedSlack } from './seed';
import { newSlackState, slackHandler, type SlackState } from './slack';
import { controlRoute } from './control';
import type { Fault, FaultAction, Handler, LoggedRequest, SimRequest, SimResponse, SimVendor } from './types';

export interface SimState {
  pagerduty: PdState;
  freshdesk: FdState;
  slack: SlackState;
  github: GhState;
}

export interface StartOptions {
  port?: number;
  /** `realistic` (default) seeds people, services, the ticket and canned responses; `empty` seeds nothing. */
  seed?: 'realistic' | 'empty';
  /** Injected clock for timestamps, rate-limit windows and Slack ts. */
  now?: () => number;
}

export interface Simulators {
  port: number;
  origin: string;
  urls: { pagerduty: string; freshdesk: string; slack: string; github: string; control: string };
  tokens: typeof SIM_TOKENS;
  fromEmail: string;
  state: SimState;
  requests(filter?: { vendor?: SimVendor; method?: string; path?: string }): LoggedRequest[];
  clearRequests(): void;
  /** Injects a fault for the next `count` (default 1) matching requests. Returns its id. */
  fault(f: { vendor?: SimVendor; method?: string; path?: string; count?: number; action: FaultAction }): number;
  clearFaults(): void;
  /** Consulted for every vendor request that has no queued fault (random fault mixes for load tests); null removes it.
   * */
  setFaultPicker(pick: ((r: { vendor: SimVendor; method: string; path: string }) => FaultAction | null) | null): void;
  setToken(vendor: SimVendor, token: string, revoked: boolean): void;
  reset(seed?: 'realistic' | 'empty'): void;
  stop(): Promise<void>;
}

const PREFIX: Record<SimVendor, string> = {
  pagerduty: '/pagerduty',
  freshdesk: '/freshdesk',
  slack: '/slack',
  github: '/github',
};

export async function startSimulators(opts: StartOptions = {}): Promise<Simulators> {
  const now = opts.now ?? Date.now;
  let state!: SimState;
  let handlers!: Record<SimVendor, Handler>;
  const log: LoggedRequest[] = [];
  let faults: Fault[] = [];
  let faultSeq = 0;
  let faultPicker: ((r: { vendor: SimVendor; method: string; path: string }) => FaultAction | null) | null = null;
  let seq = 0;
  const sockets = new Set<Socket>();

  const reset = (seed: 'realistic' | 'empty' = 'realistic') => {
    state = { pagerduty: newPdState(), freshdesk: newFdState(), slack: newSlackState(), github: newGhState() };
    if (seed === 'realistic') {
      seedPagerDuty(state.pagerduty);
      seedFreshdesk(state.freshdesk, new Date(now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      seedSlack(state.slack, now());
      seedGitHub(state.github);
    }
    handlers = {
      pagerduty: pagerdutyHandler(state.pagerduty, now),
      freshdesk: freshdeskHandler(state.freshdesk, now),
      slack: slackHandler(state.slack, now),
      github: githubHandler(state.github, now),
    };
    sim.state = state;
  };

  const takeFault = (r: SimRequest): FaultAction | null => {
    const f = faults.find(
      (x) =>
        (!x.vendor || x.vendor === r.vendor) &&
        (!x.method || x.method === r.method) &&
        (!x.path || (x.path.endsWith('*') ? r.path.startsWith(x.path.slice(0, -1)) : r.path === x.path)),
    );
    if (!f) return faultPicker ? faultPicker({ vendor: r.vendor, method: r.method, path: r.path }) : null;
    f.remaining--;
    if (f.remaining <= 0) faults = faults.filter((x) => x !== f);
    return f.action;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`simulator bug: ${String(e)}`);
      }
    });
  });
  // Outlive the client's idle keep-alive (undici: 4 s) so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith('/_control/')) {
      const out = controlRoute(sim, req.method ?? 'GET', url, raw);
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
      return;
    }
    const vendor = (Object.keys(PREFIX) as SimVendor[]).find((v) => url.pathname.startsWith(PREFIX[v] + '/'));
    if (!vendor) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such simulator');
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const ctype = headers['content-type'] ?? '';
    let body: unknown = null;
    let badJson = false;
    if (raw) {
      if (ctype.startsWith('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw));
      else
        try {
          body = JSON.parse(raw);
        } catch {
          badJson = true;
        }
    }
    const sreq: SimRequest = {
      vendor,
      method: req.method ?? 'GET',
      path: url.pathname.slice(PREFIX[vendor].length),
      query: url.searchParams,
      headers,
      rawBody: raw,
      body,
      baseUrl: `http://${req.headers.host}${PREFIX[vendor]}`,
    };
    const entry: LoggedRequest = {
      seq: ++seq,
      at: new Date(now()).toISOString(),
      vendor,
      method: sreq.method,
      path: sreq.path,
      headers,
      body,
      rawBody: raw,
      query: [...new Set(url.searchParams.keys())].reduce<Record<string, string[]>>(
        (o, k) => ({ ...o, [k]: url.searchParams.getAll(k) }),
        {},
      ),
      status: null,
      response: null,
      fault: null,
      applied: false,
    };
    log.push(entry);
    const fault = takeFault(sreq);
    entry.fault = fault?.type ?? null;
    const apply = (): SimResponse => {
      if (badJson) return invalidJson(vendor);
      const r = handlers[vendor](sreq);
      const isOk =
        r.status >= 200 && r.status < 300 && !(vendor === 'slack' && (r.body as { ok?: boolean })?.ok === false);
      entry.applied =
        isOk && (vendor === 'slack' ? /create|invite|postMessage/.test(sreq.path) : sreq.method !== 'GET');
      return r;
    };
    const send = (r: SimResponse) => {
      entry.status = r.status;
      entry.response = r.body ?? null;
      if (r.headers) entry.responseHeaders = r.headers;
      const isText = typeof r.body === 'string';
      res.writeHead(r.status, {
        'content-type': isText ? 'text/plain' : 'application/json; charset=utf-8',
        ...(r.headers ?? {}),
      });
      res.end(r.body === undefined ? '' : isText ? r.body : JSON.stringify(r.body));
    };
    if (!fault) return send(apply());
    switch (fault.type) {
      case 'hang':
        return; // never answer; the socket is destroyed on stop()
      case 'drop':
        return req.socket.destroy();
      case 'apply_then_drop':
        apply();
        return req.socket.destroy();
      case 'malformed':
        if (fault.apply) apply();
        return send({
          status: 200,
          body:
            vendor === 'slack'
              ? '{"ok": true, "chann'
              : vendor === 'github'
                ? '{"id": 1, "numb'
                : '{"incident": {"id": "Q1',
        });
      case 'status':
        return send({
          status: fault.status,
          headers: fault.headers ?? {},
          body: fault.body ?? defaultErrorBody(vendor, fault.status),
        });
      case 'rate_limit':
        return send(rateLimited(vendor, fault.waitSeconds ?? 1, fault.omitHeaders ?? false));
    }
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const sim: Simulators = {
    port,
    origin,
    urls: {
      pagerduty: `${origin}/pagerduty`,
      freshdesk: `${origin}/freshdesk/api/v2`,
      slack: `${origin}/slack/api/`,
      github: `${origin}/github`,
      control: `${origin}/_control`,
    },
    tokens: SIM_TOKENS,
    fromEmail: SIM_FROM_EMAIL,
    state: undefined as unknown as SimState,
    requests: (f = {}) =>
      log.filter(
        (r) =>
          (!f.vendor || r.vendor === f.vendor) &&
          (!f.method || r.method === f.method) &&
          (!f.path || r.path === f.path),
      ),
    clearRequests: () => void log.splice(0),
    fault: (f) => {
      const id = ++faultSeq;
      faults.push({ id, vendor: f.vendor, method: f.method, path: f.path, remaining: f.count ?? 1, action: f.action });
      return id;
    },
    clearFaults: () => void (faults = []),
    setFaultPicker: (pick) => void (faultPicker = pick),
    setToken: (vendor, token, revoked) => {
      const map: Map<string, { revoked: boolean }> = tokensOf(state, vendor);
      const rec = map.get(token);
      if (!rec) throw new Error(`unknown ${vendor} token`);
      rec.revoked = revoked;
    },
    reset: (seed) => reset(seed),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  reset(opts.seed ?? 'realistic');
  return sim;
}

/** Each simulator's tokens (revocable). */
export function tokensOf(state: SimState, vendor: SimVendor): Map<string, { revoked: boolean }> {
  if (vendor === 'pagerduty') return state.pagerduty.tokens;
  if (vendor === 'freshdesk') return state.freshdesk.apiKeys;
  if (vendor === 'github') return state.github.tokens;
  return state.slack.tokens;
}

function defaultErrorBody(vendor: SimVendor, status: number): unknown {
  if (vendor === 'github')
    return {
      message: status >= 500 ? 'Server Error' : 'Error',
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
    };
  if (vendor === 'pagerduty')
    return { error: { message: status >= 500 ? 'Internal Server Error' : 'Error', code: 2000 } };
  if (vendor === 'freshdesk') return { message: status >= 500 ? 'Internal server error' : 'Error' };
  return '<html><body>Slack is having trouble</body></html>';
}

function rateLimited(vendor: SimVendor, wait: number, omit: boolean): SimResponse {
  if (vendor === 'pagerduty')
    return omit
      ? { status: 429 }
      : {
          status: 429,
          headers: { 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': String(wait) },
          body: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        };
  if (vendor === 'github') {
    // GitHub's secondary rate limit: 403 with Retry-After (or, without headers, "wait at least a minute").
    const resetAt = String(Math.ceil(Date.now() / 1000) + wait);
    return {
      status: 403,
      headers: omit
        ? {}
        : {
            'retry-after': String(wait),
            'x-ratelimit-limit': '5000',
            'x-ratelimit-remaining': '4999',
            'x-ratelimit-reset': resetAt,
            'x-ratelimit-used': '1',
            'x-ratelimit-resource': 'core',
          },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        status: '403',
      },
    };
  }
  if (vendor === 'freshdesk')
    return {
      status: 429,
      headers: omit ? {} : { 'retry-after': String(wait) },
      body: { message: 'You have exceeded the limit of requests per minute' },
    };
  return {
    status: 429,
    headers: omit ? {} : { 'retry-after': String(wait) },
    body: { ok: false, error: 'ratelimited' },
  };
}

function invalidJson(vendor: SimVendor): SimResponse {
  if (vendor === 'pagerduty')
    return {
      status: 400,
      body: { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Request body is not valid JSON.'] } },
    };
  if (vendor === 'freshdesk')
    return { status: 400, body: { code: 'invalid_json', message: 'Request body has invalid json format' } };
  if (vendor === 'github')
    return {
      status: 400,
      body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' },
    };
  return { status: 200, body: { ok: false, error: 'invalid_json' } };
}
