// core.start() owns the background work both shells and the sandbox used to wire one by one: the outbox
// dispatcher, reminders and the vendor-state checks; core.stop() ends all three.
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import { fakeClock } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const open: Array<() => void> = [];
afterEach(() => open.splice(0).forEach((f) => f()));

/** A timer that only records what is pending (nothing ever fires). */
function recordingTimer() {
  const pending = new Set<number>();
  let next = 0;
  return {
    pending,
    set: () => {
      next += 1;
      pending.add(next);
      return next;
    },
    clear: (h: unknown) => void pending.delete(h as number),
  };
}

it('starts the dispatcher, the reminder scheduler and the checks poll, and stops them all', async () => {
  const dir = tempDir();
  const timer = recordingTimer(); // the dispatcher and the checks poll
  const timers = recordingTimer(); // the reminder scheduler
  const core = createCore({ dataDir: dir.path, clock: fakeClock(), timer, timers, checkpointWorker: false });
  open.push(() => {
    core.close();
    dir.cleanup();
  });
  expect(core.dispatcher.running).toBe(false);
  expect(timer.pending.size).toBe(0);

  core.start();
  expect(core.dispatcher.running).toBe(true);
  expect(timer.pending.size).toBeGreaterThan(0); // the checks poll waits for its first round
  const declared = await core.invoke('incidents.declare', { title: 'Reminders follow an open incident' });
  expect(declared.ok).toBe(true);
  expect(timers.pending.size).toBeGreaterThan(0); // the next status update is due: a wake-up is planned

  await core.stop();
  expect(core.dispatcher.running).toBe(false);
  expect(timer.pending.size).toBe(0);
  expect(timers.pending.size).toBe(0);
});
