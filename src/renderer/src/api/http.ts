// Web-shell transport: each operation is POST /api/<name>; events arrive over server-sent events.
import type { Api, ApiWithEvents, EventName } from '../../../shared/contract';
import { eventNames, opNames } from '../../../shared/opNames';
import { fail, type Result } from '../../../shared/result';

async function post(name: string, input: unknown): Promise<Result<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
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

export function httpApi(): ApiWithEvents {
  const call: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of opNames) call[name] = (input) => post(name, input);
  const known = new Set<string>(eventNames);
  return {
    call: call as unknown as Api,
    subscribe(listener) {
      const source = new EventSource('/api/events');
      source.onmessage = (e: MessageEvent<string>) => {
        try {
          const msg = JSON.parse(e.data) as { name?: unknown; payload?: unknown };
          if (typeof msg.name === 'string' && known.has(msg.name)) listener(msg.name as EventName, msg.payload);
        } catch {
          // ignore malformed frames
        }
      };
      return () => source.close();
    },
  };
}
