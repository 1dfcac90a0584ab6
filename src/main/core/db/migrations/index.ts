// Every migration in order. Add a file named NNNN-what.ts and append it here.
import { migration0001 } from './0001-incidents';
import { migration0002 } from './0002-outbox-settings';
import { migration0003 } from './0003-runbooks-roles-checklist';
import { migration0005 } from './0005-outbox-dispatch';
import { migration0006 } from './0006-report';
import { migration0007 } from './0007-updates-reminders';
import type { Migration } from './types';

// MERGE NOTE: 0004 (notes, timeline, search) lands from its branch next; until then a no-op keeps numbering gap-free.
const reserved = (version: number): Migration => ({ version, name: `reserved-${version}`, up: () => {} });

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  reserved(4),
  migration0005,
  migration0006,
  migration0007,
];
