// Every migration in order. Add a file named NNNN-what.ts and append it here.
import { migration0001 } from './0001-incidents';
import { migration0002 } from './0002-outbox-settings';
import { migration0006 } from './0006-report';
import type { Migration } from './types';

// INTEGRATOR: 0003-0005 are built on other branches; these no-op stand-ins only keep the numbering
// gap-free on the report branch. Replace them with the real migrations when merging.
const reservedOnOtherBranch = (version: number): Migration => ({ version, name: `reserved-${version}`, up: () => {} });

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  reservedOnOtherBranch(3),
  reservedOnOtherBranch(4),
  reservedOnOtherBranch(5),
  migration0006,
];
