// Every migration in order. Add a file named NNNN-what.ts and append it here.
import { migration0001 } from './0001-incidents';
import { migration0002 } from './0002-outbox-settings';
import { migration0005 } from './0005-outbox-dispatch';
import type { Migration } from './types';

// MERGE NOTE: 0003 and 0004 belong to other branches. These no-op stand-ins only keep the numbering
// gap-free on this branch; the integrator replaces them with the real migrations.
const reserved = (version: number): Migration => ({ version, name: `reserved-${version}`, up: () => {} });

export const migrations: readonly Migration[] = [migration0001, migration0002, reserved(3), reserved(4), migration0005];
