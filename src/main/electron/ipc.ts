// IPC wiring for the desktop shell: one invoke channel, sender frame checked, input validated by the core.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, type Result } from '../../shared/result';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/ipc';
import type { Core } from '../core';
import { isAppUrl } from './policy';

export type IpcLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, devServerUrl?: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  // Only the top frame of our own app page may call the core.
  return frame.parent === null && isAppUrl(frame.url, devServerUrl);
}

export function registerIpc(ipc: IpcLike, core: Pick<Core, 'invoke'>, devServerUrl?: string): () => void {
  ipc.handle(INVOKE_CHANNEL, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, devServerUrl)) return fail('forbidden', 'IPC from an untrusted frame was refused.');
    if (typeof name !== 'string') return fail('invalid_input', 'Operation name must be a string.');
    return core.invoke(name, input);
  });
  return () => ipc.removeHandler(INVOKE_CHANNEL);
}

export function forwardEvents(core: Pick<Core, 'bus'>, target: () => WebContents | undefined): () => void {
  return core.bus.subscribe((name, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, name, payload);
  });
}
