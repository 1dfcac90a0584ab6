// The web shell's transport (renderer api/http.ts) against the real server: it says when its event stream opens and
// when it drops, so the page knows when events may have been missed and reads its state again.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpApi } from '../../src/renderer/src/api/http';
import { startWebShell, type WebShell } from '../../src/main/web/server';
import type { EventName, StreamState } from '../../src/shared/contract';
import { testCore } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

let shell: WebShell;
let t: ReturnType<typeof testCore>;
const renderer = tempDir('conn-renderer-');
const realFetch = globalThis.fetch;
/** While true, the page cannot open an event stream (the server is unreachable), as after a drop. */
let streamRefused = false;
/** How many times a page asked for /api/events. */
let streamFetches = 0;

beforeAll(async () => {
  mkdirSync(renderer.path, { recursive: true });
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Conn</title>');
  t = testCore();
  shell = await startWebShell({ core: t.core, rendererDir: renderer.path });
  // The transport fetches page-relative paths, as in the browser.
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) => {
    if (path === '/api/events') streamFetches += 1;
    return streamRefused && path === '/api/events'
      ? Promise.reject(new TypeError('fetch failed'))
      : realFetch(`http://127.0.0.1:${shell.port}${path}`, init);
  });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await shell.close();
  t.cleanup();
  renderer.cleanup();
});

function listen() {
  const states: StreamState[] = [];
  const titles: string[] = [];
  const onEvent = (name: EventName, payload: unknown) => {
    if (name === 'incidents.declared') titles.push((payload as { title: string }).title);
  };
  const declare = async (title: string) => {
    const res = await t.core.invoke('incidents.declare', { title });
    expect(res.ok).toBe(true);
  };
  return { states, titles, onEvent, onStream: (s: StreamState) => states.push(s), declare };
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  streamRefused = false;
});

describe('the web shell event stream', () => {
  it('reports live once the server holds the stream, so an event sent right then arrives', async () => {
    const l = listen();
    let sent: Promise<void> | null = null;
    stops.push(
      httpApi(shell.token).subscribe(l.onEvent, (s) => {
        l.onStream(s);
        if (s === 'live') sent ??= l.declare('Right after live');
      }),
    );
    await vi.waitFor(() => expect(l.titles).toEqual(['Right after live']), { timeout: 5000 });
    await sent;
    expect(l.states).toEqual(['live']);
  });

  it('reports lost when the stream drops and live again when it is back, once each', async () => {
    const l = listen();
    stops.push(httpApi(shell.token, { reconnectMs: 20 }).subscribe(l.onEvent, l.onStream));
    await vi.waitFor(() => expect(l.states).toEqual(['live']), { timeout: 5000 });

    streamRefused = true;
    shell.server.closeAllConnections(); // the stream drops; reconnecting fails for now
    await vi.waitFor(() => expect(l.states).toEqual(['live', 'lost']), { timeout: 5000 });
    await l.declare('While down');
    // Several attempts fail meanwhile, yet the drop is told once.
    await new Promise((r) => setTimeout(r, 100));
    expect(l.states).toEqual(['live', 'lost']);

    streamRefused = false;
    await vi.waitFor(() => expect(l.states).toEqual(['live', 'lost', 'live']), { timeout: 5000 });
    await l.declare('After');
    await vi.waitFor(() => expect(l.titles).toContain('After'), { timeout: 5000 });
    // The event sent while down never arrives: the second live is the page's only way to know it must read again.
    expect(l.titles).toEqual(['After']);
  });

  it('reports lost when the first attempt fails, and stops reporting once unsubscribed', async () => {
    streamRefused = true;
    const l = listen();
    const stop = httpApi(shell.token, { reconnectMs: 20 }).subscribe(l.onEvent, l.onStream);
    await vi.waitFor(() => expect(l.states).toEqual(['lost']), { timeout: 5000 });
    streamRefused = false;
    await vi.waitFor(() => expect(l.states).toEqual(['lost', 'live']), { timeout: 5000 });
    stop();
    shell.server.closeAllConnections();
    await new Promise((r) => setTimeout(r, 100));
    expect(l.states).toEqual(['lost', 'live']);
  });
});

describe('a tab whose token the server no longer takes (it restarted with a new one)', () => {
  it('says refused once and stops knocking; a pasted new token reconnects it in place, calls included', async () => {
    const l = listen();
    const kept: string[] = [];
    const tab = httpApi('an-old-token-from-before-the-restart', { reconnectMs: 20, keepToken: (k) => kept.push(k) });
    stops.push(tab.subscribe(l.onEvent, l.onStream));
    await vi.waitFor(() => expect(l.states).toEqual(['refused']), { timeout: 5000 });
    const before = streamFetches;
    await new Promise((r) => setTimeout(r, 150)); // several reconnect delays: no new attempt
    expect(streamFetches).toBe(before);
    const refused = await tab.call['incidents.list']({});
    expect(refused.ok ? 'ok' : refused.error.code).toBe('unauthorized');

    tab.reauthorize?.(shell.token);
    expect(kept).toEqual([shell.token]); // kept for a reload of this tab
    await vi.waitFor(() => expect(l.states).toEqual(['refused', 'live']), { timeout: 5000 });
    await l.declare('After the new token');
    await vi.waitFor(() => expect(l.titles).toEqual(['After the new token']), { timeout: 5000 });
    const listed = await tab.call['incidents.list']({});
    expect(listed.ok).toBe(true);
  });

  it('a pasted token the server refuses too is told as one more refusal', async () => {
    const l = listen();
    const tab = httpApi('an-old-token-from-before-the-restart', { reconnectMs: 20, keepToken: () => {} });
    stops.push(tab.subscribe(l.onEvent, l.onStream));
    await vi.waitFor(() => expect(l.states).toEqual(['refused']), { timeout: 5000 });
    tab.reauthorize?.('a-wrong-token-pasted-by-mistake');
    await vi.waitFor(() => expect(l.states).toEqual(['refused', 'refused']), { timeout: 5000 });
  });
});
