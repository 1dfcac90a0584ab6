// Shared shapes for the vendor simulators: parsed requests, responses, faults and the request log.
export type SimVendor = 'pagerduty' | 'freshdesk' | 'slack' | 'github';

export interface SimRequest {
  vendor: SimVendor;
  method: string;
  /** Path below the vendor prefix, e.g. `/incidents/Q1/notes`, `/api/v2/tickets/1`, `/api/chat.postMessage`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
  /** JSON body, or the form fields (strings) of an urlencoded body, or null. */
  body: unknown;
  /** The URL origin + vendor prefix, for absolute links (Freshdesk `Link`). */
  baseUrl: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless it is a string (sent as-is). Undefined = empty body. */
  body?: unknown;
}

export type FaultAction =
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'rate_limit'; waitSeconds?: number; omitHeaders?: boolean }
  | { type: 'hang' }
  | { type: 'drop' }
  | { type: 'malformed'; apply?: boolean }
  | { type: 'apply_then_drop' };

export interface Fault {
  id: number;
  vendor?: SimVendor;
  /** Exact method, e.g. `POST`. */
  method?: string;
  /** Exact vendor path, or a prefix when it ends with `*`. */
  path?: string;
  /** How many matching requests get this fault. */
  remaining: number;
  action: FaultAction;
}

export interface LoggedRequest {
  seq: number;
  at: string;
  vendor: SimVendor;
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: unknown;
  rawBody: string;
  status: number | null;
  /** The response body the client got (null when dropped or hung). */
  response: unknown;
  fault: FaultAction['type'] | null;
  /** Headers the simulator set on its answer (Retry-After, rate-limit headers), when it answered. */
  responseHeaders?: Record<string, string>;
  /** The simulator applied the request's effect (even if the client never saw the answer). */
  applied: boolean;
}

export type Handler = (req: SimRequest) => SimResponse;
