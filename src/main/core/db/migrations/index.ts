// Every migration in order. Add a file named NNNN-what.ts and append it here.
import { migration0001 } from './0001-incidents';
import { migration0002 } from './0002-outbox-settings';
import { migration0007 } from './0007-updates-reminders';
import type { Migration } from './types';

// INTEGRATOR: versions 3–6 are built on other branches. These empty stand-ins only keep the numbering
// gap-free on this branch; replace them with the real migration0003…0006 when merging.
const reservedOnOtherBranches: Migration[] = [3, 4, 5, 6].map((version) => ({
  version,
  name: `reserved-${version}`,
  up: () => {},
}));

export const migrations: readonly Migration[] = [migration0001, migration0002, ...reservedOnOtherBranches, migration0007];
