// The outbox's job states as a table (shared/outbox.ts): the dispatcher's verdicts only make moves the table
// allows, the check schedule is bounded, and the rerun rule refuses what was sent unless `again`.
import { describe, expect, it } from 'vitest';
import { defaultRetryConfig as cfg } from '../../src/main/core/outbox/retryPolicy';
import { reconcileVerdict, sendVerdict } from '../../src/main/core/outbox/verdict';
import type { ExecOutcome, ReconcileOutcome } from '../../src/main/core/outbox/executors';
import { VendorError, failureKinds } from '../../src/main/core/outbox/failures';
import {
  canMove,
  checkDelayMs,
  finalStates,
  jobStates,
  jobTransitions,
  MAX_CHECKS,
  rerunRefusal,
  type JobState,
  type OutboxJob,
} from '../../src/shared/outbox';

const now = 5_000_000;
const ctx = { now, online: true, random: () => 0.5, cfg };
const job = (over: Partial<OutboxJob> = {}): OutboxJob => ({
  id: 'j1',
  incidentId: 'i1',
  kind: 'freshdesk.reply',
  vendor: 'freshdesk',
  orderKey: 'freshdesk:i1',
  payload: { body: 'x' },
  state: 'sending',
  attempts: 1,
  checks: 0,
  nextAt: null,
  lastError: null,
  result: null,
  refType: null,
  refId: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});
/** States the dispatcher may move a job to from `from`, per the table. */
const dispatcherTargets = (from: JobState) =>
  new Set(
    Object.values(jobTransitions).flatMap((t) =>
      t.by === 'dispatcher' && (t.from as readonly JobState[]).includes(from) ? [t.to] : [],
    ),
  );

describe('outbox job transitions', () => {
  it('the table names only known states, and nothing leaves a final state', () => {
    for (const [name, t] of Object.entries(jobTransitions)) {
      expect(jobStates, name).toContain(t.to);
      for (const f of t.from) {
        expect(jobStates, name).toContain(f);
        expect(finalStates, `${name} leaves a final state`).not.toContain(f);
      }
    }
    // Every state but the final ones can be left by the user (Retry/Discard on every non-final row, bar 'sending').
    for (const s of jobStates.filter((x) => !finalStates.includes(x) && x !== 'sending')) {
      expect(canMove('discard', s) || canMove('retry', s), s).toBe(true);
    }
    expect(canMove('discard', 'sending')).toBe(false);
    expect(canMove('mark_sent', 'queued')).toBe(false);
    expect(canMove('send_again', 'needs_you')).toBe(true);
  });

  it("every send verdict moves a 'sending' job only where the table allows", () => {
    const outcomes: ExecOutcome[] = [
      { status: 'done', result: { id: 1 } },
      ...failureKinds.flatMap((kind) =>
        [true, false].map((mayHaveApplied): ExecOutcome => ({
          status: 'failed',
          failure: { kind, message: 'm', mayHaveApplied },
        })),
      ),
    ];
    for (const o of outcomes) {
      const v = sendVerdict(job(), o, ctx);
      expect(dispatcherTargets('sending'), JSON.stringify(o)).toContain(v.settle.state);
    }
  });

  it("every reconcile verdict moves an 'uncertain' job only where the table allows, never back to sending", () => {
    const answers: Array<{ outcome: ReconcileOutcome } | { thrown: unknown }> = [
      { outcome: { status: 'done', result: {} } },
      { outcome: { status: 'not_sent' } },
      { outcome: { status: 'unknown', reason: 'r' } },
      { thrown: new VendorError('malformed', 'unreadable') },
      { thrown: new VendorError('auth', 'revoked') },
      { thrown: new Error('boom') },
    ];
    for (let checks = 0; checks < MAX_CHECKS; checks++) {
      for (const a of answers) {
        const v = reconcileVerdict(job({ state: 'uncertain', checks }), a, ctx);
        expect(dispatcherTargets('uncertain'), JSON.stringify(a)).toContain(v.settle.state);
      }
    }
  });

  it('checks an uncertain job at about 10, 30, 70, 150 and 310 s, then it needs you', () => {
    let at = cfg.settleMs; // the first check, after the lost answer
    const times = [at];
    let j = job({ state: 'uncertain', checks: 0 });
    for (;;) {
      const v = reconcileVerdict(j, { thrown: new VendorError('malformed', 'unreadable') }, { ...ctx, now: at });
      if (v.settle.state === 'needs_you') {
        expect(v.settle).toMatchObject({
          nextAt: null,
          checks: MAX_CHECKS,
          lastError: expect.stringMatching(/it arrived, send again, or discard/),
        });
        break;
      }
      expect(v.settle.state).toBe('uncertain');
      at = v.settle.nextAt!;
      times.push(at);
      j = job({ state: 'uncertain', checks: v.settle.checks ?? 0 });
    }
    expect(times.map((t) => t / 1000)).toEqual([10, 30, 70, 150, 310]);
    expect(checkDelayMs(0, cfg.settleMs)).toBe(cfg.settleMs);
    // A refused token is not a failed check: the count stays.
    expect(
      reconcileVerdict(job({ state: 'uncertain', checks: 3 }), { thrown: new VendorError('auth', 'x') }, ctx).settle
        .checks,
    ).toBe(3);
  });

  it('a network failure or 5xx marks the vendor unreachable in plain words; any answer marks it reachable', () => {
    const v = sendVerdict(
      job(),
      { status: 'failed', failure: { kind: 'network', message: 'fetch failed: other side closed (UND_ERR_SOCKET)' } },
      ctx,
    );
    expect(v.reach).toEqual({
      reachable: false,
      reason: 'Freshdesk cannot be reached (the connection failed). Conn keeps trying; nothing is lost.',
      error: 'fetch failed: other side closed (UND_ERR_SOCKET)',
    });
    expect(
      sendVerdict(job(), { status: 'failed', failure: { kind: 'validation', message: 'bad' } }, ctx).reach,
    ).toEqual({ reachable: true });
    expect(sendVerdict(job(), { status: 'done', result: {} }, ctx).reach).toEqual({ reachable: true });
    // Offline says nothing about the vendor.
    expect(
      sendVerdict(job(), { status: 'failed', failure: { kind: 'network', message: 'x' } }, { ...ctx, online: false })
        .reach,
    ).toBeUndefined();
  });

  it('rerun rule: pending and unsettled are refused even with again; sent only without it', () => {
    const table: Array<[JobState[], boolean, ReturnType<typeof rerunRefusal>]> = [
      [[], false, null],
      [['dead'], false, null],
      [['discarded', 'dead'], false, null],
      [['queued'], true, 'pending'],
      [['sending'], true, 'pending'],
      [['retrying'], false, 'pending'],
      [['uncertain'], true, 'unsettled'],
      [['needs_you', 'sent'], true, 'unsettled'],
      [['sent'], false, 'already_sent'],
      [['sent', 'dead'], false, 'already_sent'],
      [['sent'], true, null],
    ];
    for (const [states, again, want] of table)
      expect(rerunRefusal(states, again), `${states.join(',')} again=${again}`).toBe(want);
  });
});
