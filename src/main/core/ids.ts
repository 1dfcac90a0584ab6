// Sortable ids: time prefix (base36 millis) + random suffix, so ids order by creation.
import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from './ports';

export function timeOrderedIds(clock: Clock): Ids {
  let last = 0;
  let seq = 0;
  return {
    next() {
      const now = clock.now();
      seq = now === last ? seq + 1 : 0;
      last = now;
      const time = now.toString(36).padStart(9, '0');
      const counter = seq.toString(36).padStart(3, '0');
      return `${time}${counter}${randomBytes(5).toString('hex')}`;
    },
  };
}
