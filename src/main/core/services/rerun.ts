// The one rule for every action-bearing operation (a step's action, a status update, a handoff): what was sent,
// or may have been, is not sent again unless the request says `again: true`; what may have arrived is settled first.
import { rerunRefusal, type JobState } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';

export interface EarlierJob {
  state: JobState;
  /** ISO time of its last change: when it was sent, for a sent job. */
  updatedAt?: string;
  at?: string | null;
}

/** Throws `conflict` with details.reason `pending` | `unsettled` | `already_sent` (and the caller's details). */
export function refuseRerun(
  jobs: readonly EarlierJob[],
  again: boolean,
  what: string,
  details: Record<string, unknown> = {},
): void {
  const refusal = rerunRefusal(
    jobs.map((j) => j.state),
    again,
  );
  if (refusal === null) return;
  const sentAt =
    jobs
      .filter((j) => j.state === 'sent')
      .map((j) => j.updatedAt ?? j.at ?? null)
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? null;
  const message = {
    pending: `${what} already has requests waiting to be sent.`,
    unsettled:
      `${what} may already have reached the vendor: Conn could not confirm it yet. Settle it in the outbox ` +
      `first (it arrived, send again, or discard).`,
    already_sent: `${what} was already sent. To send it once more, confirm "Send again" (again: true).`,
  }[refusal];
  throw new AppError('conflict', message, { ...details, reason: refusal, sentAt });
}
