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

export interface HeardDuringReads<T> {
  /** Runs `run`; `heard` holds, by id, the newest copy each event brought while it was in flight. */
  read<R>(run: () => Promise<R>): Promise<{ value: R; heard: Map<string, T> }>;
  /** An event brought `item`: reads in flight must not put back an older copy of it, or leave it out. */
  heard(id: string, item: T): void;
}

/**
 * For lists whose events carry one item each (an incident, a note): a read in flight when an item's event was
 * applied may hold an older copy of it, or miss it. The read's answer is merged with what was heard meanwhile.
 */
export function heardDuringReads<T>(): HeardDuringReads<T> {
  const open = new Set<Map<string, T>>();
  return {
    async read(run) {
      const heard = new Map<string, T>();
      open.add(heard);
      try {
        return { value: await run(), heard };
      } finally {
        open.delete(heard);
      }
    },
    heard(id, item) {
      for (const m of open) m.set(id, item);
    },
  };
}

/**
 * A page of a list read while events arrived: each item an event brought meanwhile is newer than the page's copy (a
 * later change sends a later event), and one added after the read belongs in the page when the page reaches the
 * newest end (and `belongs` says it is of this list; one older than the page's first item is another page's).
 */
export function mergeHeard<T extends { id: string }>(
  read: T[],
  heard: Map<string, T>,
  opts: { reachesNewest: boolean; belongs(item: T): boolean; order(a: T, b: T): number },
): T[] {
  if (heard.size === 0) return read;
  const items = read.map((n) => heard.get(n.id) ?? n);
  if (!opts.reachesNewest) return items;
  const first = read[0];
  const listed = new Set(read.map((n) => n.id));
  const missing = [...heard.values()].filter(
    (n) => !listed.has(n.id) && opts.belongs(n) && (!first || opts.order(first, n) < 0),
  );
  return missing.length ? [...items, ...missing].sort(opts.order) : items;
}
