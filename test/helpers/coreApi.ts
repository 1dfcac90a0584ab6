// An ApiWithEvents for renderer tests, built from the contract and backed by a real core in a temp folder.
import type { Api, ApiWithEvents } from '../../src/shared/contract';
import { opNames } from '../../src/shared/opNames';
import type { Core } from '../../src/main/core';

export function coreApi(core: Core, opts: { delayMs?: number } = {}): ApiWithEvents & { calls: string[] } {
  const calls: string[] = [];
  const call: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of opNames) {
    call[name] = async (input: unknown) => {
      calls.push(name);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      // Round-trip through JSON like both real transports do.
      return JSON.parse(JSON.stringify(await core.invoke(name, JSON.parse(JSON.stringify(input ?? {})))));
    };
  }
  return {
    calls,
    call: call as unknown as Api,
    subscribe: (listener) => core.bus.subscribe((name, payload) => listener(name, JSON.parse(JSON.stringify(payload)))),
  };
}
