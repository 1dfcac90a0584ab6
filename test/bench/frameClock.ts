// Keystroke latency without the headless frame clock: keydown → next painted frame, minus the time the page's main
// thread sat idle waiting for Chromium's synthetic 60 Hz begin-frame tick, read from a CDP performance trace.
import type { CDPSession } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/** The prefix of the performance.mark the page makes in its first keydown listener, followed by the key's index. */
export const KEY_MARK = 'conn-key-';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'cc',
  'blink.user_timing',
];

/** Starts a trace of the page; the returned function stops it and resolves with its events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (d: { value: object[] }) => void events.push(...(d.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

const isTask = (e: TraceEvent) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');

/**
 * For each marked keystroke: ms from its keydown to the end of the first frame started after its `input` event was
 * handled (Chromium's BeginMainFrame: style, layout, paint, commit), minus the main thread's idle time between the
 * end of that handling and the frame's start. Every task that ran in between (arriving notes, React renders, the
 * key-up) still counts: only waiting with nothing to do is removed. `queueMs[i]` is the key's input delay measured in
 * the page (handler start − e.timeStamp), added on top. Keys whose events are missing from the trace are skipped.
 */
export function clockFreeLatencies(events: TraceEvent[], queueMs: number[]): number[] {
  const marks = events.filter(
    (e) => e.name.startsWith(KEY_MARK) && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'),
  );
  if (!marks.length) return [];
  const { pid, tid } = marks[0]!;
  const mine = events.filter((e) => e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  const tasks: TraceEvent[] = [];
  for (const e of mine) {
    if (!isTask(e)) continue;
    const last = tasks[tasks.length - 1];
    if (!last || e.ts >= last.ts + last.dur!) tasks.push(e); // top-level only
  }
  const inputs = mine.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  const frames = mine.filter((e) => e.ph === 'X' && e.name === 'ProxyMain::BeginMainFrame');
  const byKey = new Map(marks.map((m) => [Number(m.name.slice(KEY_MARK.length)), m.ts]));
  const out: number[] = [];
  for (const [i, keyTs] of [...byKey].sort((a, b) => a[0] - b[0])) {
    const nextKey = byKey.get(i + 1) ?? Infinity;
    const input = inputs.find((e) => e.ts >= keyTs);
    if (!input || input.ts >= nextKey || queueMs[i] === undefined) continue;
    const task = tasks.find((t) => t.ts <= input.ts && t.ts + t.dur! >= input.ts + input.dur!);
    const handled = task ? task.ts + task.dur! : input.ts + input.dur!;
    const frame = frames.find((f) => f.ts >= handled);
    if (!frame) continue;
    let busy = 0;
    for (const t of tasks) {
      if (t.ts >= frame.ts) break;
      busy += Math.max(0, Math.min(t.ts + t.dur!, frame.ts) - Math.max(t.ts, handled));
    }
    const idle = frame.ts - handled - busy;
    out.push(queueMs[i]! + (frame.ts + frame.dur! - keyTs - idle) / 1000);
  }
  return out;
}
