// Desktop transport: the preload's window.api (same shape as the HTTP one).
import type { ApiWithEvents } from '../../../shared/contract';

declare global {
  interface Window {
    api?: ApiWithEvents;
  }
}

export function ipcApi(): ApiWithEvents | undefined {
  return typeof window !== 'undefined' ? window.api : undefined;
}
