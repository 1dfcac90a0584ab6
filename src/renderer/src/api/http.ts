// Web-shell transport: each operation is POST /api/<name> with the tab's bearer token; events arrive as
// server-sent events read from a fetch stream (so the token travels in a header, never a cookie or a URL).
import { createParser } from 'eventsource-parser';
import type { Api, ApiWithEvents, EventName, StreamState } from '../../../shared/contract';
import { eventNames, opNames } from '../../../shared/opNames';
import { fail, type ApiError, type Result } from '../../../shared/result';
import { keepAccessToken, storedAccessToken } from './webToken';

const NO_TOKEN = 'This tab has no access token. Open the URL that `npm run serve` printed (it ends in #token=…).';
const RECONNECT_MS = 2000;

async function post(token: string | null, name: string, input: unknown): Promise<Result<unknown>> {
  if (!token) return fail('unauthorized', NO_TOKEN);
  let res: Response;
  try {
    res = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
      credentials: 'omit',
    });
  } catch {
    return fail('unavailable', 'Conn’s local server is not reachable. Is `npm run serve` still running?');
  }
  try {
    const body = (await res.json()) as Result<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    // fall through
  }
  return fail('internal', `Unexpected reply from the local server (HTTP ${res.status}).`);
}

/**
 * Reads /api/events until closed, reconnecting after a drop (as EventSource would). Tells `onStream` 'live' each time
 * a stream opens (the server registers a stream before its first byte leaves, so from then on no event is missed)
 * and 'lost' once when a stream drops or a connection attempt fails. A 401 is final ('refused', and no more attempts):
 * the server restarted with a new token, and retrying with this one would only knock on its door every two seconds.
 */
function streamEvents(
  access: Access,
  onData: (data: string) => void,
  onStream: (state: StreamState) => void,
  reconnectMs: number,
): () => void {
  const controller = new AbortController();
  let reported: StreamState | null = null;
  const report = (state: StreamState) => {
    if (controller.signal.aborted || (state === 'lost' && reported === 'lost')) return;
    reported = state;
    onStream(state);
  };
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      const token = access.token;
      try {
        const res = await fetch('/api/events', {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          credentials: 'omit',
          cache: 'no-store',
          signal: controller.signal,
        });
        if (res.status === 401) {
          report('refused');
          await access.changedFrom(token, controller.signal);
          continue;
        }
        if (res.ok && res.body) {
          const parser = createParser({ onEvent: (e) => onData(e.data) });
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          report('live');
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
        }
      } catch {
        // dropped or aborted: retry below unless closed
      }
      if (controller.signal.aborted) return;
      report('lost');
      await new Promise((r) => setTimeout(r, reconnectMs));
    }
  };
  void run();
  return () => controller.abort();
}

/** The tab's current access token, which the commander can replace after the server restarted with a new one. */
interface Access {
  token: string | null;
  /** Resolves once the token is no longer `token` (or the stream is closed). */
  changedFrom(token: string | null, signal: AbortSignal): Promise<void>;
}

function access(first: string | null): Access & { set(token: string): void } {
  const waiting = new Set<() => void>();
  const a = {
    token: first,
    changedFrom(token: string | null, signal: AbortSignal) {
      if (a.token !== token || signal.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          waiting.delete(done);
          resolve();
        };
        waiting.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    },
    set(token: string) {
      a.token = token;
      for (const wake of [...waiting]) wake();
    },
  };
  return a;
}

export function httpApi(
  token: string | null,
  opts: { reconnectMs?: number; keepToken?: (token: string) => void } = {},
): ApiWithEvents {
  const tab = access(token);
  const call: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of opNames) call[name] = (input) => post(tab.token, name, input);
  const known = new Set<string>(eventNames);
  return {
    call: call as unknown as Api,
    subscribe(listener, onStream) {
      if (!tab.token) return () => {};
      const onData = (data: string) => {
        try {
          const msg = JSON.parse(data) as { name?: unknown; payload?: unknown };
          if (typeof msg.name === 'string' && known.has(msg.name)) listener(msg.name as EventName, msg.payload);
        } catch {
          // ignore malformed frames
        }
      };
      return streamEvents(tab, onData, onStream ?? (() => {}), opts.reconnectMs ?? RECONNECT_MS);
    },
    reauthorize(next) {
      (opts.keepToken ?? keepAccessToken)(next);
      tab.set(next);
    },
  };
}

/** Fetches an exported report with the tab's token and saves it through the browser's download. */
export async function downloadExport(path: string): Promise<ApiError | null> {
  const token = storedAccessToken();
  if (!token) return { code: 'unauthorized', message: NO_TOKEN };
  try {
    const res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' });
    if (!res.ok)
      return { code: 'not_found', message: `The report was saved but could not be downloaded (HTTP ${res.status}).` };
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = decodeURIComponent(path.split('/').pop() ?? 'report');
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return null;
  } catch {
    return {
      code: 'unavailable',
      message: 'The report was saved but the download did not start: Conn’s server is not reachable.',
    };
  }
}
