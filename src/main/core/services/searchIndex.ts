// Fills the notes search index (notes_fts) in batches outside the note-append transaction: a commit then writes
// only the note, and each batch adds many notes' tokens at once. Search flushes first, so it never misses a note.
import type { Logger } from '../ports';
import { searchIndexRepo } from '../db/repos/searchIndex';
import type { ServiceDeps } from '../ports';

/** How long after an append the batch runs; appends in between join the same batch. */
export const INDEX_DELAY_MS = 100;
/** Notes per transaction when catching up on a backlog: the write lock is never held for long. */
const CHUNK = 500;

export interface SearchIndexOptions {
  delayMs?: number;
  logger?: Logger;
}

export function searchIndexService({ db, bus }: ServiceDeps, opts: SearchIndexOptions = {}) {
  const repo = searchIndexRepo(db);
  const delayMs = opts.delayMs ?? INDEX_DELAY_MS;
  const chunk = db.transaction(() => repo.indexNext(CHUNK));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  /** Indexes every note not yet in notes_fts, in chunks of one transaction each; returns how many. */
  const indexPending = (): number => {
    cancel();
    if (!repo.hasPending()) return 0;
    let total = 0;
    for (let n = chunk.immediate(); n > 0; n = chunk.immediate()) total += n;
    return total;
  };

  /** One coalesced timer for any number of appends; unref'd so it never keeps a process alive. */
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      try {
        indexPending();
      } catch (err) {
        // Nothing is lost: the next search, the next append's batch or the next start indexes these notes.
        opts.logger?.warn('search index batch failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }, delayMs);
    timer.unref?.();
  };

  const unsubscribe = bus.subscribe((name) => {
    if (name === 'notes.appended') schedule();
  });

  return {
    /** Call before reading notes_fts: afterwards every saved note is in it with its current body. Returns how many
     * notes it indexed. */
    flush: indexPending,
    /** True while a batch is waiting for its timer (for tests). */
    scheduled: () => timer !== null,
    /** At core close, before the database closes: no timer left, nothing pending. */
    stop(): void {
      stopped = true;
      unsubscribe();
      indexPending();
    },
  };
}
export type SearchIndexService = ReturnType<typeof searchIndexService>;
