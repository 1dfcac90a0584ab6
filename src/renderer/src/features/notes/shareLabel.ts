// How a note's outbox job reads in the UI, given whether its vendor is connected.
import type { NoteShare } from '../../../../shared/notes';
import type { VendorConnection } from '../../../../shared/outbox';
import { assertNever } from '../../../../shared/result';

export { vendorLabel } from '../../../../shared/labels';

export function shareLabel(s: NoteShare, connection?: VendorConnection['state']): string {
  const state = s.state;
  switch (state) {
    case 'queued':
      if (connection === 'reconnect') return 'queued: reconnect needed';
      if (connection === 'ok') return 'queued';
      if (connection === 'unreachable') return 'queued: vendor unreachable';
      return 'queued: not connected';
    case 'uncertain':
      return 'checking whether it was sent…';
    case 'needs_you':
      return 'needs you: did it arrive? (see the outbox)';
    case 'sending':
      return 'sending…';
    case 'retrying':
      return s.lastError ? `retrying: ${plainError(s.lastError)}` : 'retrying';
    case 'sent':
      return 'sent';
    case 'dead':
      return `failed${s.lastError ? `: ${plainError(s.lastError)}` : ''}`;
    case 'discarded':
      return 'discarded';
    default:
      return assertNever(state, 'job state');
  }
}

/** The outbox's error without its raw job kind ("pagerduty.addNote: ") or "Refused: " in front; the chip's title keeps
 *  the whole text. */
export function plainError(lastError: string): string {
  return lastError.replace(/^[a-z]+\.[A-Za-z]+: /, '').replace(/^Refused: /, '');
}
