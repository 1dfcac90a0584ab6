// Sortable ids: time prefix (base36 millis) + random suffix, so ids order by creation.
import { randomFillSync } from 'node:crypto';
import type { Clock, Ids } from './ports';

const SUFFIX_BYTES = 5;
const POOL_IDS = 256;

export function timeOrderedIds(clock: Clock): Ids {
  let last = 0;
  let seq = 0;
  // One trip to the system's random source per 256 ids instead of one per id (it showed in the note-append profile).
  const pool = Buffer.alloc(SUFFIX_BYTES * POOL_IDS);
  let used = POOL_IDS;
  const suffix = () => {
    if (used === POOL_IDS) {
      randomFillSync(pool);
      used = 0;
    }
    const at = SUFFIX_BYTES * used++;
    return pool.toString('hex', at, at + SUFFIX_BYTES);
  };
  return {
    next() {
      const now = clock.now();
      seq = now === last ? seq + 1 : 0;
      last = now;
      const time = now.toString(36).padStart(9, '0');
      const counter = seq.toString(36).padStart(3, '0');
      return `${time}${counter}${suffix()}`;
    },
  };
}
