// Every migration in order. Add a file named NNNN-what.ts and append it here.
import { migration0001 } from './0001-incidents';
import { migration0002 } from './0002-outbox-settings';
import { migration0003 } from './0003-runbooks-roles-checklist';
import { migration0004 } from './0004-notes';
import { migration0005 } from './0005-outbox-dispatch';
import { migration0006 } from './0006-report';
import { migration0007 } from './0007-updates-reminders';
import { migration0008 } from './0008-handoff-import';
import { migration0009 } from './0009-outbox-indexes';
import { migration0010 } from './0010-notes-on-timeline';
import { migration0011 } from './0011-search-index-batch';
import { migration0017 } from './0017-hub-registry';
import type { Migration } from './types';

// Branch h19 only: 12–16 belong to branches being merged in parallel. These no-op stand-ins keep the numbering
// contiguous until they land; drop them (and keep 0017) when merging.
const reservedForParallelBranches: Migration[] = [12, 13, 14, 15, 16].map((version) => ({
  version,
  name: `reserved-${version}`,
  up: () => {},
}));

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  ...reservedForParallelBranches,
  migration0017,
];
