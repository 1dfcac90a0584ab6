// The probe state machine: one round's results (and the reference check) turn into each hub's state.
// A failed probe is "down" only when Conn's own network is known good; otherwise it is "unknown".
import type { HubState } from '../../../shared/hubs';

export interface ProbeOutcome {
  ok: boolean;
  /** What was seen, in plain words ("200 in 120 ms", "timed out after 10 s", "503"). */
  detail: string;
  /** Not probed at all (a URL Conn may not call): no evidence either way. */
  notProbed?: boolean;
}

/** 'skipped' when no probe failed (no need to ask), else whether the reference answered. */
export type ReferenceResult = 'skipped' | 'ok' | 'failed' | 'offline';

export interface Previous {
  state: HubState;
  since: number;
}

export interface Judged {
  state: HubState;
  since: number;
  detail: string;
  /** True when the state differs from the previous one (or there was none). */
  changed: boolean;
}

export function judge(
  prev: Previous | undefined,
  outcome: ProbeOutcome,
  reference: ReferenceResult,
  now: number,
): Judged {
  let state: HubState;
  let detail = outcome.detail;
  if (reference === 'offline') {
    state = 'unknown';
    detail = "Conn's network is offline: not probed";
  } else if (outcome.notProbed) state = 'unknown';
  else if (outcome.ok) state = 'up';
  else if (reference === 'failed') {
    state = 'unknown';
    detail = `${outcome.detail}; the reference check failed too, so Conn's own network may be down`;
  } else state = 'down';
  const changed = prev?.state !== state;
  return { state, since: changed ? now : prev.since, detail, changed };
}

/** Runs tasks with at most `limit` in flight; results in input order. */
export async function boundedAll<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
