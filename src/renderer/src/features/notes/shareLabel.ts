// How a note's outbox job reads in the UI, given whether its vendor is connected.
import type { NoteShare } from '../../../../shared/notes';
import type { VendorConnection } from '../../../../shared/outbox';
import { assertNever } from '../../../../shared/result';

export { vendorLabels as vendorLabel } from '../../../../shared/labels';

export function shareLabel(s: NoteShare, connection?: VendorConnection['state']): string {
  const state = s.state;
  switch (state) {
    case 'queued':
      if (connection === 'reconnect') return 'queued: reconnect needed';
      if (connection === 'ok') return 'queued';
      return 'queued: not connected';
    case 'uncertain':
      return 'checking whether it was sent…';
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
