// 0014 is reserved for action items → GitHub issues (branch h18a). This no-op keeps the numbering contiguous on the
// GitHub-timeline branch; the integrator replaces it with the real 0014 when merging.
import type { Migration } from './types';

export const migration0014: Migration = {
  version: 14,
  name: 'reserved-for-action-item-issues',
  up: () => {},
};
