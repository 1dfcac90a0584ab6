// A store's read and the events it hears race: an answer read before a change can reach the page after that change's
// event did, and putting it in would show the state from before the change until the next event. Where an event
// carries the whole state of its key (an incident's roles, the roster), the event is the newer truth: a read for the
// same key that was in flight when the event was applied is dropped. Nothing is lost by dropping it: every change after
// the event's state sends an event of its own.

export interface SnapshotRace<K> {
  /** Runs `run`; `overtaken` says whether an event for `key` was applied while it was in flight. */
  read<T>(key: K, run: () => Promise<T>): Promise<{ value: T; overtaken: boolean }>;
  /** An event with the whole state of `key` was applied: reads in flight for it are now older than the page. */
  heard(key: K): void;
}

export function snapshotRace<K = string>(): SnapshotRace<K> {
  const inFlight = new Set<{ key: K; overtaken: boolean }>();
  return {
    async read(key, run) {
      const flight = { key, overtaken: false };
      inFlight.add(flight);
      try {
        const value = await run();
        return { value, overtaken: flight.overtaken };
      } finally {
        inFlight.delete(flight);
      }
    },
    heard(key) {
      for (const f of inFlight) if (f.key === key) f.overtaken = true;
    },
  };
}
