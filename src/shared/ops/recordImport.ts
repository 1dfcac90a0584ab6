// Importing the record: the vendors' history of an incident onto its timeline (integrations domain).
import { z } from 'zod';
import { id } from '../text';
import { op } from './define';

export const importSources = ['pagerduty', 'slack', 'freshdesk', 'github'] as const;
export type ImportSource = (typeof importSources)[number];

/** How one source fared in an import or take-over: each imports or fails on its own. */
export interface SourceOutcome {
  source: ImportSource;
  status: 'ok' | 'failed';
  /** Records read from this source (0 when it failed). */
  fetched: number;
  /** Plain words for a failure, e.g. "PagerDuty sent an answer Conn could not understand (…)". */
  reason?: string;
}

export interface ImportResult {
  incidentId: string;
  /** Records read from the vendors. */
  fetched: number;
  /** New timeline entries written by this import. */
  added: number;
  /** Records already on the timeline from an earlier import. */
  alreadyImported: number;
  /** Records this Conn sent itself (found by their marker), already on the timeline in their own form. */
  sentByConn: number;
  /** Each source read: which imported and which failed (and why); retry the failed ones with `sources`. */
  sources: SourceOutcome[];
}

export const recordImportOps = {
  'integrations.import': op<ImportResult>()(
    'Import the Slack channel (with thread replies), PagerDuty log entries and notes, and the Freshdesk conversation ' +
      'into the timeline with their original times. Safe to repeat: nothing is imported twice. Each source imports ' +
      'or fails on its own (see `sources` in the answer); `sources` in the request reads only those (a retry of the ' +
      'failed ones).',
    z.strictObject({ incidentId: id, sources: z.array(z.enum(importSources)).min(1).optional() }),
  ),
};
