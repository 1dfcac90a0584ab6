// The renderer's single backend handle. Stores call it; components never do.
import type { ApiWithEvents } from '../../../shared/contract';

let current: ApiWithEvents | undefined;

export function setApi(api: ApiWithEvents): void {
  current = api;
}

export function api(): ApiWithEvents {
  if (!current) throw new Error('api not initialised: call setApi() at start-up');
  return current;
}
