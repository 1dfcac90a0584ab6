// Importing the record: the vendors' history of an incident onto its timeline (integrations domain).
import { z } from 'zod';
import { id } from '../text';
import { op } from './define';

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
}

export const recordImportOps = {
  'integrations.import': op<ImportResult>()(
    'Import the Slack channel (with thread replies), PagerDuty log entries and notes, and the Freshdesk conversation ' +
      'into the timeline with their original times. Safe to repeat: nothing is imported twice.',
    z.strictObject({ incidentId: id }),
  ),
};
