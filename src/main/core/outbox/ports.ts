// Ports the dispatcher needs from the world: network status and a timer, with simple implementations.

export interface NetworkStatus {
  isOnline(): boolean;
  /** Called with the new state on every change; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export function manualNetwork(initial = true): NetworkStatus & { set(online: boolean): void } {
  let online = initial;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(next) {
      if (next === online) return;
      online = next;
      for (const l of listeners) l(online);
    },
  };
}

export interface Timer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/**
 * Runs `round` every `ms` on the timer, the next round timed from the end of the last (rounds never overlap), while
 * started. Background pollers (vendor checks, hub probes) share it.
 */
export function repeatEvery(timer: Timer, ms: number, round: () => Promise<unknown>) {
  let handle: unknown = null;
  let started = false;
  const schedule = () => {
    if (!started) return;
    handle = timer.set(() => void round().finally(schedule), ms);
  };
  return {
    start() {
      if (started) return;
      started = true;
      schedule();
    },
    stop() {
      started = false;
      if (handle !== null) timer.clear(handle);
      handle = null;
    },
  };
}

export const realTimer: Timer = {
  set: (fn, ms) => {
    const h = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    h.unref?.();
    return h;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
