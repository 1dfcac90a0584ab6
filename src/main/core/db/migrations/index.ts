// Every migration in order. Add a file named NNNN-what.ts and append it here.
import { migration0001 } from './0001-incidents';
import { migration0002 } from './0002-outbox-settings';
import { migration0003 } from './0003-runbooks-roles-checklist';
import { migration0004 } from './0004-notes';
import { migration0005 } from './0005-outbox-dispatch';
import { migration0006 } from './0006-report';
import { migration0007 } from './0007-updates-reminders';
import { migration0009 } from './0009-handoff-import';
import type { Migration } from './types';

/** Stand-in for a number another branch owns; replaced by the real migration when that branch lands. */
const reserved = (version: number): Migration => ({ version, name: `reserved-${version}`, up: () => {} });

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  reserved(8), // helper W1's 0008: replace with its migration when merged
  migration0009,
];
