// Whether the page hears the backend's events: the web shell's event stream can drop (the server restarted, the
// laptop slept) and reconnects on its own. Set by events.ts from the transport; null until the stream first answers.
import { create } from 'zustand';
import type { StreamState } from '../../../../shared/contract';

interface ConnectionState {
  stream: StreamState | null;
  /** How many times the server refused this tab's token: a new token that is refused too counts once more. */
  refusals: number;
  streamChanged(state: StreamState): void;
}

export const useConnection = create<ConnectionState>((set, get) => ({
  stream: null,
  refusals: 0,
  streamChanged: (stream) => set({ stream, refusals: get().refusals + (stream === 'refused' ? 1 : 0) }),
}));
