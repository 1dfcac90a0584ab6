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
import { migration0012 } from './0012-outbox-needs-you';
import { migration0013 } from './0013-hub-registry';
import { migration0014 } from './0014-action-item-issues';
import { migration0015 } from './0015-github-links';
import { migration0016 } from './0016-search-terms';
import type { Migration } from './types';

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
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
];
