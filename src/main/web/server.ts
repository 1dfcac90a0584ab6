// The loopback web shell: the same core as the desktop app, served over HTTP on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { operations } from '../../shared/contract';
import type { ApiError, Result } from '../../shared/result';
import type { Core } from '../core';
import { authenticated, hostAllowed, originAllowed } from './guard';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { readStatic } from './static';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A request body must arrive within this long (a slow sender cannot hold a connection open for minutes). */
export const BODY_DEADLINE_MS = 30_000;
/** Open connections at once serving requests (calls, pages); one tab needs a few, scripts a few more. */
export const MAX_CONNECTIONS = 32;
/**
 * Event streams at once, counted apart from MAX_CONNECTIONS: a stream holds its connection for as long as its tab is
 * open, and 20 open tabs must not leave requests 12 connections (they were reset). Only a caller with the token opens
 * a stream, so a flood of connections still meets the request cap, and the process never holds more than the two
 * caps together.
 */
export const MAX_EVENT_STREAMS = 32;
/**
 * Events a stream may have waiting unsent before it is dropped: a tab that stopped reading (frozen, suspended) would
 * otherwise hold every later event in this process's memory. Its page reconnects when it wakes.
 */
export const MAX_STREAM_BACKLOG_BYTES = 8 * 1024 * 1024;

export { CONTENT_SECURITY_POLICY };

export interface WebShellOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Tests shorten these. */
  bodyDeadlineMs?: number;
  maxConnections?: number;
  maxEventStreams?: number;
  maxStreamBacklogBytes?: number;
}

export interface WebShell {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const STATUS: Record<ApiError['code'], number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  unavailable: 503,
  storage_full: 507,
  precondition_failed: 409,
  busy: 503,
  internal: 500,
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

const failure = (res: ServerResponse, status: number, code: ApiError['code'], message: string) =>
  send(res, status, { ok: false, error: { code, message } } satisfies Result<never>);

class TooLarge extends Error {}
class TooSlow extends Error {}

function readBody(req: IncomingMessage, deadlineMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      reject(new TooLarge());
      return;
    }
    const timer = setTimeout(() => {
      req.pause();
      reject(new TooSlow());
    }, deadlineMs);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        clearTimeout(timer);
        reject(new TooLarge());
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const REPORT_TYPES: Record<string, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Shown to a browser that opens an old `?token=` link: the token now travels in the fragment, never to the server. */
const OLD_LINK_PAGE = `<!doctype html><meta charset="utf-8"><title>Conn: open the new link</title>
<h1>This Conn link is in an old format</h1>
<p>Conn no longer takes its access token in the address's <code>?token=</code> part, where the browser would send
it to the server and keep it in its history. Nothing was opened with this link.</p>
<p>Use the address that <code>npm run serve</code> printed when it started: it ends in <code>#token=…</code>.
If you only have the old link, replace <code>?token=</code> with <code>#token=</code>.</p>
`;

/** Every operation with its JSON Schema; built on the first GET /api/operations, not at start-up. */
function operationCatalogue() {
  return Object.entries(operations).map(([name, spec]) => {
    let input: unknown;
    try {
      input = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' });
    } catch {
      input = {};
    }
    return { name, summary: spec.summary, input };
  });
}

export function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const { core } = opts;
  let port = opts.port ?? 0;
  const bodyDeadlineMs = opts.bodyDeadlineMs ?? BODY_DEADLINE_MS;
  const streams = new Set<ServerResponse>();
  const maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;
  const maxEventStreams = opts.maxEventStreams ?? MAX_EVENT_STREAMS;
  /** Every open connection, and those that became event streams (not counted against the request cap). */
  const sockets = new Set<Socket>();
  const streamSockets = new Set<Socket>();
  let catalogue: ReturnType<typeof operationCatalogue> | undefined;

  const maxBacklog = opts.maxStreamBacklogBytes ?? MAX_STREAM_BACKLOG_BYTES;
  const unsubscribe = core.bus.subscribe((name, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ name, payload })}\n\n`;
    for (const s of streams) {
      if (s.writableLength > maxBacklog) {
        streams.delete(s);
        s.destroy();
      } else s.write(frame);
    }
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    if (!hostAllowed(req, port)) return failure(res, 403, 'forbidden', 'Forbidden: unexpected Host header.');
    if (!originAllowed(req, port)) return failure(res, 403, 'forbidden', 'Forbidden: cross-origin request.');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, url);
    // Only the Authorization header counts: no cookie, no query parameter (nothing a browser sends on its own).
    if (!authenticated(req, token)) {
      return failure(
        res,
        401,
        'unauthorized',
        'Missing or wrong access token. Open the URL printed by `npm run serve`.',
      );
    }

    if (url.pathname === '/api/operations' && req.method === 'GET')
      return send(res, 200, { ok: true, value: (catalogue ??= operationCatalogue()) });
    if (url.pathname.startsWith('/api/reports/') && req.method === 'GET') return sendReport(res, url);
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (streams.size >= maxEventStreams) {
        res.setHeader('connection', 'close');
        return failure(res, 503, 'busy', `Conn already serves ${maxEventStreams} event streams: close a tab.`);
      }
      streamSockets.add(req.socket);
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // Registered before the first byte (headers and this comment) leaves: a client that sees the answer knows
      // every later event will reach it, so it reads its state again then and misses nothing (renderer api/http.ts).
      streams.add(res);
      res.write(': connected\n\n');
      req.on('close', () => {
        streams.delete(res);
        streamSockets.delete(req.socket);
      });
      return;
    }
    if (req.method !== 'POST') return failure(res, 405, 'invalid_input', 'Use POST for operations.');
    const name = url.pathname.slice('/api/'.length);
    if (!Object.prototype.hasOwnProperty.call(operations, name)) {
      return failure(res, 404, 'not_found', `Unknown operation: ${name}. GET /api/operations lists them.`);
    }
    let body: Buffer;
    try {
      body = await readBody(req, bodyDeadlineMs);
    } catch (err) {
      if (err instanceof TooLarge) {
        res.setHeader('connection', 'close');
        return failure(res, 413, 'too_large', `Request body is over ${MAX_BODY_BYTES} bytes.`);
      }
      if (err instanceof TooSlow) {
        res.setHeader('connection', 'close');
        return failure(res, 408, 'invalid_input', `The request body did not arrive within ${bodyDeadlineMs / 1000} s.`);
      }
      throw err;
    }
    let input: unknown = undefined;
    if (body.length > 0) {
      let text: string;
      try {
        text = strictUtf8.decode(body);
      } catch {
        // Decoding leniently would store U+FFFD in place of what the sender meant.
        return failure(res, 400, 'invalid_input', 'The request body is not valid UTF-8. Nothing was saved.');
      }
      try {
        input = JSON.parse(text);
      } catch {
        return failure(res, 400, 'invalid_input', 'Malformed JSON in the request body.');
      }
    }
    const result = await core.invoke(name, input);
    return send(res, result.ok ? 200 : STATUS[result.error.code], result);
  };

  /** A report the web shell exported, as a download; only plain names inside the data folder's reports/. */
  const sendReport = async (res: ServerResponse, url: URL): Promise<void> => {
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/api/reports/'.length));
    } catch {
      return failure(res, 404, 'not_found', 'No such report.');
    }
    if (!/^[^/\\.\0][^/\\\0]*$/.test(name)) return failure(res, 404, 'not_found', 'No such report.');
    let body: Buffer;
    try {
      body = await readFile(join(core.dataDir, 'reports', name));
    } catch {
      return failure(res, 404, 'not_found', `No report named ${name}. Export it first.`);
    }
    res.writeHead(200, {
      'content-type': REPORT_TYPES[extname(name)] ?? 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
    });
    res.end(body);
  };

  /** The renderer's files are public (the same for everyone); the page itself reads the token from the fragment. */
  const serveStatic = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return failure(res, 405, 'invalid_input', 'Method not allowed.');
    if (url.searchParams.has('token')) {
      res.writeHead(400, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : OLD_LINK_PAGE);
      return;
    }
    const file = await readStatic(opts.rendererDir, url.pathname);
    if (!file) return failure(res, 404, 'not_found', 'Not found.');
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': file.type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) failure(res, 500, 'internal', 'Internal error.');
      else res.end();
    });
  });

  // Beyond the caps, new connections are closed at once; a slow body is cut at its deadline, freeing its slot. Node
  // holds the sum of both caps; a connection counts against the request cap until it becomes an event stream.
  server.maxConnections = maxConnections + maxEventStreams;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      streamSockets.delete(socket);
    });
    if (sockets.size - streamSockets.size > maxConnections) socket.destroy();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const s of streams) s.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
