// 0015 is reserved for publishing the report by pull request (branch h18b). This no-op keeps the numbering contiguous
// on the GitHub-timeline branch; the integrator replaces it with the real 0015 when merging.
import type { Migration } from './types';

export const migration0015: Migration = {
  version: 15,
  name: 'reserved-for-report-publishing',
  up: () => {},
};
