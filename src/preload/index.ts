// Exposes window.api: one method per contract operation over a single IPC channel. Nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, opNames } from '../shared/opNames';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/ipc';

const call: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of opNames) {
  call[name] = (input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input);
}
const known = new Set<string>(eventNames);

contextBridge.exposeInMainWorld('api', {
  call: Object.freeze(call),
  // No stream state to report (ApiWithEvents' onStream): this channel is open before the page's first call and
  // drops nothing while the window lives, so the page never has to read its state again.
  subscribe(listener: (name: string, payload: unknown) => void): () => void {
    const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
      if (typeof name === 'string' && known.has(name)) listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});
