// 0003 is reserved for roles and the checklist (branch issue3). This no-op keeps the numbering
// contiguous on the notes branch; the integrator replaces it with the real 0003 when merging.
import type { Migration } from './types';

export const migration0003: Migration = {
  version: 3,
  name: 'reserved-for-checklist',
  up: () => {},
};
