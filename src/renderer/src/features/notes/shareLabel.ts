// How a note's outbox job reads in the UI. Until integrations are configured, queued means "not connected".
import type { NoteShare } from '../../../../shared/notes';
import type { Vendor } from '../../../../shared/outbox';
import { assertNever } from '../../../../shared/result';

export const vendorLabel: Record<Vendor, string> = { slack: 'Slack', pagerduty: 'PagerDuty', freshdesk: 'Freshdesk' };

export function shareLabel(s: NoteShare): string {
  const state = s.state;
  switch (state) {
    case 'queued':
      return 'queued: not connected';
    case 'sending':
      return 'sending…';
    case 'retrying':
      return s.lastError ? `retrying: ${s.lastError}` : 'retrying';
    case 'sent':
      return 'sent';
    case 'dead':
      return `failed${s.lastError ? `: ${s.lastError}` : ''}`;
    case 'discarded':
      return 'discarded';
    default:
      return assertNever(state, 'job state');
  }
}
