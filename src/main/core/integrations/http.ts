// Shared fetch plumbing for the PagerDuty and Freshdesk clients: timeout, transport errors, JSON and schema parsing.
import type { z } from 'zod';
import { VendorError, classifyTransportError, redact, type VendorName } from './errors';

export type FetchFn = typeof globalThis.fetch;

export interface HttpDeps {
  /** Injected transport (tests, proxies). Defaults to globalThis.fetch. */
  fetch?: FetchFn;
  /** Total time per request, headers and body included. Default 30 s. */
  timeoutMs?: number;
  /** Pages one list walk may read (paging.ts; default MAX_PAGES). */
  maxPages?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  body: unknown;
  text: string;
}

/** A non-2xx answer as a vendor's classifier reads it (text and JSON already redacted). */
export interface ErrorAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A vendor's rules for its error answers: the call that failed, its answer, and whether it was a write. */
export type ClassifyAnswer = (operation: string, answer: ErrorAnswer, isWrite: boolean) => VendorError;

export interface SendOptions {
  vendor: VendorName;
  operation: string;
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: unknown;
  secrets: readonly string[];
  /** Builds the error for any non-2xx answer (every method but GET counts as a write). */
  classify: ClassifyAnswer;
}

export async function send(deps: HttpDeps, o: SendOptions): Promise<HttpResponse> {
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const signal = AbortSignal.timeout(deps.timeoutMs ?? 30_000);
  let status: number;
  let headers: Headers;
  let text: string;
  try {
    const res = await fetchFn(o.url, {
      method: o.method,
      headers: o.headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      redirect: 'error',
      signal,
    });
    status = res.status;
    headers = res.headers;
    text = await res.text();
  } catch (err) {
    throw classifyTransportError(o.vendor, o.operation, err, o.secrets);
  }
  let json: unknown = null;
  let jsonOk = true;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      jsonOk = false;
    }
  }
  if (status < 200 || status > 299)
    throw o.classify(
      o.operation,
      { status, headers, text: redact(text, o.secrets), json: jsonOk ? redactDeep(json, o.secrets) : null },
      o.method !== 'GET',
    );
  if (!jsonOk) {
    throw new VendorError({
      vendor: o.vendor,
      operation: o.operation,
      kind: 'malformed',
      status,
      vendorMessage: `the answer was not JSON (starts with ${JSON.stringify(redact(text.slice(0, 40), o.secrets))})`,
      mayHaveApplied: o.method !== 'GET',
    });
  }
  return { status, headers, body: json, text };
}

/** Parses a vendor answer with its schema; a mismatch becomes a `malformed` VendorError naming the fields. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  vendor: VendorName,
  operation: string,
  mayHaveApplied = false,
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const what = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new VendorError({
    vendor,
    operation,
    kind: 'malformed',
    vendorMessage: `unexpected answer: ${what}`,
    mayHaveApplied,
  });
}

/** Builds a URL from a base (which may carry a path prefix) and a path, plus query pairs (arrays repeat). */
export function buildUrl(
  base: string,
  path: string,
  query: Record<string, string | number | boolean | string[] | undefined> = {},
): string {
  const u = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) u.searchParams.append(k, item);
    else u.searchParams.set(k, String(v));
  }
  return u.toString();
}

/** Redacts secrets in every string of a parsed JSON value (vendors may echo credentials in error bodies). */
export function redactDeep(v: unknown, secrets: readonly string[]): unknown {
  if (typeof v === 'string') return redact(v, secrets);
  if (Array.isArray(v)) return v.map((x) => redactDeep(x, secrets));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactDeep(x, secrets)]));
  return v;
}
